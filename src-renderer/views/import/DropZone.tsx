import { type DragEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { IMPORTABLE_LOGS } from '../../../src-shared/import-formats.js';
import { LABELS_SUFFIX } from '../../../src-shared/label-files.js';

interface DropZoneProps {
  onFiles: (files: File[]) => void;
  onSample: () => void;
  /** More ways in, shown beside the file buttons. */
  children?: ReactNode;
}

export function DropZone({ onFiles, onSample, children }: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  // A file dropped beside the zone would make the browser navigate away to show it.
  useEffect(() => {
    const block = (event: globalThis.DragEvent) => event.preventDefault();
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length) onFiles(files);
  };

  return (
    <section
      className={over ? 'dropzone over' : 'dropzone'}
      aria-label="Drop log files here"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="dropzone"
    >
      <p className="dropzone-title">Drop log files here</p>
      <p className="muted">
        {IMPORTABLE_LOGS}; gzip is fine. A log's labels (<code>LOG{LABELS_SUFFIX}</code>, as{' '}
        <code>vigil generate</code> writes them) dropped with it label its records.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => input.current?.click()}>
          Choose files…
        </button>
        <button type="button" onClick={onSample} data-testid="load-sample">
          Load sample
        </button>
        {children}
      </div>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </section>
  );
}
