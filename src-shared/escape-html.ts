// Escaping for text placed in HTML element content or quoted attribute values. Log strings are
// hostile: chart tooltips (renderer) and report HTML (core) both pass them through here.
import { must } from './must.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => must(ENTITIES[c], `an entity for ${c}`));
}
