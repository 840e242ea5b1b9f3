// A select of the triage bar. The triage keys are ignored while a select has the focus (its
// letters pick its options), so a filter picked with the pointer used to keep the focus and j, k,
// m, b did nothing until a click elsewhere: picked with the pointer, it lets the focus go back to
// the page and the keys to the queue. Changed from the keyboard, it keeps the focus, so arrows
// can go on through its options.
import { type SelectHTMLAttributes, useRef } from 'react';

type QueueSelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> & {
  onPick(value: string): void;
};

export function QueueSelect({ onPick, ...props }: QueueSelectProps) {
  const pointer = useRef(false);
  return (
    <select
      {...props}
      onPointerDown={() => {
        pointer.current = true;
      }}
      onKeyDown={() => {
        pointer.current = false;
      }}
      onChange={(event) => {
        onPick(event.target.value);
        if (pointer.current) event.currentTarget.blur();
        pointer.current = false;
      }}
    />
  );
}
