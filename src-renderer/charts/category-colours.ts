// The one owner of category colours (detection types and the like). A category's colour follows
// its name, not its rank in the current answer, so a filter that removes other categories never
// repaints the ones left. The first categories seen take the free palette slots in turn (so the
// handful of types a data set has never share a colour, as a hash alone often made them); the
// slots are remembered in localStorage, so a type keeps its colour across filters and reloads.
// Once every slot is taken, a name hashes into the palette (stable, but it may share a colour).
import { type ChartTheme, categoryChoices } from './palette.js';

const KEY = 'vigil.categoryColours';
type Slots = Record<string, Record<string, number>>;

let slots: Slots | null = null;

function load(): Slots {
  if (slots) return slots;
  try {
    slots = (JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '{}') as Slots) ?? {};
  } catch {
    slots = {}; // a damaged entry only costs the remembered colours
  }
  return slots;
}

/** FNV-1a: a small, well-spread string hash, stable across runs and machines. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function slotOf(domain: string, name: string, size: number): number {
  const all = load();
  const known = all[domain] ?? {};
  all[domain] = known;
  const remembered = known[name];
  if (remembered !== undefined && remembered < size) return remembered;
  const taken = new Set(Object.values(known));
  let slot = hash(name) % size;
  for (let i = 0; i < size; i++)
    if (!taken.has(i)) {
      slot = i;
      break;
    }
  known[name] = slot;
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(all));
  } catch {
    // Storage full or denied: the colour still holds for this session.
  }
  return slot;
}

/** The colour of `name` among the categories of `domain` ('type', …), in the current theme. */
export function categoryColour(theme: ChartTheme, domain: string, name: string): string {
  const choices = categoryChoices(theme);
  return choices[slotOf(domain, name, choices.length)] ?? theme.accent;
}
