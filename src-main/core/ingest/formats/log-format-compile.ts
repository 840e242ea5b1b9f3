// Compiles an nginx `log_format` or Apache `LogFormat` string, once, into what reading a line
// needs: the literal text between fields, and for each field what it fills in a session. Written
// from the servers' documentation of their variables (nginx ngx_http_log_module and core module
// variables; Apache mod_log_config's % directives).
import {
  checkStrftimeComplete,
  compileStrftime,
  joinStrftime,
  type StrftimeTime,
} from './log-format-time.js';

/** What a field of the format fills. */
export type FieldRole =
  | 'client'
  | 'clientPort'
  | 'serverIp'
  | 'serverPort'
  | 'host'
  | 'ident'
  | 'user'
  | 'timeClf'
  | 'timeIso'
  | 'timeSeconds'
  | 'timeMillis'
  | 'timeMicros'
  | 'timeStrftime'
  | 'request'
  | 'method'
  | 'uri'
  | 'path'
  | 'query'
  | 'version'
  | 'scheme'
  | 'status'
  | 'bytesOut'
  | 'bytesOutClf'
  | 'bytesIn'
  | 'referrer'
  | 'userAgent'
  | 'durationSeconds'
  | 'durationMillis'
  | 'durationMicros'
  | 'tlsProtocol'
  | 'tlsCipher'
  | 'requestId'
  | 'attr';

export interface FormatField {
  /** As written in the format (`$remote_addr`, `%>s`), for quarantine reasons. */
  source: string;
  role: FieldRole;
  /** The attribute's name, for `attr` (and the names kept for ident and user). */
  attr: string;
  /** For `timeStrftime`. */
  time: StrftimeTime | null;
  /** A value that may be a list with spaces in it (`0.003, 0.002`, `504 : 200`): see NGINX_LISTS. */
  list?: true;
}

export interface CompiledLogFormat {
  syntax: 'nginx' | 'apache';
  /** The format as given (after taking off config-file wrapping). */
  text: string;
  /** literals[i] comes before fields[i]; literals has one more entry (after the last field). */
  literals: string[];
  fields: FormatField[];
}

/** Format strings known by their nickname in the servers' stock configurations. */
export const LOG_FORMAT_NICKNAMES: Record<string, string> = {
  common: '%h %l %u %t "%r" %>s %b',
  combined: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"',
  vhost_combined: '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"',
  combinedio: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i" %I %O',
  nginx_combined:
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
};

const NGINX: Record<string, FieldRole> = {
  remote_addr: 'client',
  realip_remote_addr: 'client',
  remote_port: 'clientPort',
  server_addr: 'serverIp',
  server_port: 'serverPort',
  host: 'host',
  http_host: 'host',
  server_name: 'host',
  remote_user: 'user',
  time_local: 'timeClf',
  time_iso8601: 'timeIso',
  msec: 'timeSeconds',
  request: 'request',
  request_method: 'method',
  request_uri: 'uri',
  uri: 'path',
  document_uri: 'path',
  args: 'query',
  query_string: 'query',
  server_protocol: 'version',
  scheme: 'scheme',
  status: 'status',
  body_bytes_sent: 'bytesOut',
  bytes_sent: 'bytesOut',
  request_length: 'bytesIn',
  http_referer: 'referrer',
  http_user_agent: 'userAgent',
  request_time: 'durationSeconds',
  ssl_protocol: 'tlsProtocol',
  ssl_cipher: 'tlsCipher',
  request_id: 'requestId',
};

/**
 * Variables nginx writes as a list when a request went to several upstreams: `, ` between the
 * servers tried, ` : ` across an internal redirect (ngx_http_upstream_module); and the
 * X-Forwarded-For list (`client, proxy1`; Apache's `%{X-Forwarded-For}i` too). Unquoted in a
 * format, their spaces are not field ends.
 */
const NGINX_LISTS = new Set([
  'upstream_addr',
  'upstream_bytes_received',
  'upstream_bytes_sent',
  'upstream_connect_time',
  'upstream_header_time',
  'upstream_queue_time',
  'upstream_response_length',
  'upstream_response_time',
  'upstream_status',
  'http_x_forwarded_for',
  'proxy_add_x_forwarded_for',
]);

/** Apache directives without a `{…}` parameter. */
const APACHE: Record<string, FieldRole> = {
  a: 'client',
  h: 'client',
  A: 'serverIp',
  B: 'bytesOut',
  b: 'bytesOutClf',
  O: 'bytesOut',
  I: 'bytesIn',
  D: 'durationMicros',
  T: 'durationSeconds',
  H: 'version',
  l: 'ident',
  u: 'user',
  L: 'requestId',
  m: 'method',
  p: 'serverPort',
  q: 'query',
  r: 'request',
  s: 'status',
  t: 'timeClf',
  U: 'path',
  v: 'host',
  V: 'host',
};
/** Names of the Apache directives kept as attributes. */
const APACHE_ATTRS: Record<string, string> = {
  f: 'filename',
  k: 'keepalive_requests',
  P: 'pid',
  R: 'handler',
  S: 'bytes_transferred',
  X: 'connection_status',
};
const HEADER_ROLES: Record<string, FieldRole> = {
  referer: 'referrer',
  'user-agent': 'userAgent',
  host: 'host',
};
const VARIABLE_ROLES: Record<string, FieldRole> = {
  SSL_PROTOCOL: 'tlsProtocol',
  SSL_CIPHER: 'tlsCipher',
  UNIQUE_ID: 'requestId',
};

/** Compiles `format`; throws an Error saying what is wrong with it. */
export function compileLogFormat(input: string): CompiledLogFormat {
  const text = unwrap(input.trim());
  if (text === '') throw new Error('The log format is empty');
  const nginx = /\$[A-Za-z_{]/.test(text);
  if (!nginx && !/%[^%]/.test(text.replaceAll('%%', ''))) {
    throw new Error(
      'The log format names no fields: write nginx variables ($remote_addr …) or Apache directives (%h …)',
    );
  }
  const compiled: CompiledLogFormat = { syntax: nginx ? 'nginx' : 'apache', text, literals: [], fields: [] };
  if (nginx) compileNginx(text, compiled);
  else compileApache(text, compiled);
  settleRoles(compiled);
  return compiled;
}

/**
 * Takes off what a copy from a config file brings: the directive (nginx `log_format`, Apache
 * `LogFormat` or `CustomLog`), its name, quotes, `;`.
 */
function unwrap(text: string): string {
  const nickname = LOG_FORMAT_NICKNAMES[text];
  if (nickname !== undefined) return nickname;
  let body = text;
  const nginxDirective = /^log_format\s+\S+\s+(?:escape=\S+\s+)?([\s\S]*?);?$/.exec(body);
  if (nginxDirective) body = (nginxDirective[1] ?? '').trim();
  const apacheDirective = /^LogFormat\s+("(?:[^"\\]|\\.)*")(?:\s+\S+)?$/.exec(body);
  if (apacheDirective) body = apacheDirective[1] ?? '';
  // `CustomLog FILE "format"` or `CustomLog FILE nickname` (with an optional env= condition).
  const customLog = /^CustomLog\s+(?:"[^"]*"|\S+)\s+("(?:[^"\\]|\\.)*"|\S+)(?:\s+\S+)?$/.exec(body);
  if (customLog) {
    const format = customLog[1] ?? '';
    if (!format.startsWith('"')) {
      const named = LOG_FORMAT_NICKNAMES[format];
      if (named === undefined)
        throw new Error(`CustomLog names the format "${format}": give its LogFormat line`);
      return named;
    }
    body = format;
  }
  if (/^'[^']*'(\s+'[^']*')*$/.test(body)) return [...body.matchAll(/'([^']*)'/g)].map((m) => m[1]).join('');
  if (body.length >= 2 && body.startsWith('"') && body.endsWith('"') && body.includes('%'))
    return body.slice(1, -1).replaceAll('\\"', '"');
  return body.includes('%') && !body.includes('$') ? body.replaceAll('\\"', '"') : body;
}

function compileNginx(text: string, out: CompiledLogFormat): void {
  let literal = '';
  const pattern = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    literal += text.slice(from, match.index);
    const name = match[1] ?? match[2] ?? '';
    pushField(out, literal, {
      source: `$${name}`,
      role: NGINX[name] ?? 'attr',
      attr: name.startsWith('http_') ? name.slice(5) : name,
      time: null,
      ...(NGINX_LISTS.has(name) ? { list: true } : {}),
    });
    literal = '';
    from = (match.index ?? 0) + match[0].length;
  }
  out.literals.push(literal + text.slice(from));
}

function compileApache(text: string, out: CompiledLogFormat): void {
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '%') {
      literal += c;
      i++;
      continue;
    }
    if (text[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    const start = i;
    i++;
    // Modifiers: a status condition (`400,501` or `!200`) and `<` / `>` (original / final request).
    while (i < text.length && /[!0-9,<>]/.test(text[i] ?? '')) i++;
    let param: string | null = null;
    if (text[i] === '{') {
      const close = text.indexOf('}', i);
      if (close === -1) throw new Error(`Unclosed {…} in the log format at character ${i + 1}`);
      param = text.slice(i + 1, close);
      i = close + 1;
    }
    let letter = text[i];
    if (letter === '^') {
      letter = text.slice(i, i + 3);
      i += 3;
    } else i++;
    if (letter === undefined || letter === '') throw new Error('The log format ends inside a % directive');
    const field = apacheField(text.slice(start, i), letter, param);
    if (!joinTime(out, literal, field)) pushField(out, literal, field);
    literal = '';
  }
  out.literals.push(literal);
  for (const field of out.fields) if (field.time) checkStrftimeComplete(field.time, field.source);
}

/**
 * Joins a `%{…}t` to the time directive just before it (with the text between) when it adds
 * parts that time lacks: `%{%d/%b/%Y %T}t.%{msec_frac}t %{%z}t` is one time. True when joined.
 */
function joinTime(out: CompiledLogFormat, between: string, field: FormatField): boolean {
  const before = out.fields[out.fields.length - 1];
  if (!before?.time || !field.time || between.includes('"')) return false;
  const kinds = new Set(before.time.parts.map((part) => part.kind));
  if (field.time.parts.some((part) => part.kind !== 'literal' && kinds.has(part.kind))) return false;
  before.time = joinStrftime(before.time, between, field.time);
  before.source += between + field.source;
  return true;
}

function apacheField(source: string, letter: string, param: string | null): FormatField {
  const field = (role: FieldRole, attr = ''): FormatField => ({ source, role, attr, time: null });
  switch (letter) {
    case 'i': {
      const header = (param ?? '').toLowerCase();
      const read = field(HEADER_ROLES[header] ?? 'attr', header.replaceAll('-', '_'));
      // Apache logs the header as sent: a proxy chain's `client, proxy1`, unquoted in the format.
      return header === 'x-forwarded-for' ? { ...read, list: true } : read;
    }
    case 'e':
    case 'x':
      return field(VARIABLE_ROLES[param ?? ''] ?? 'attr', param ?? letter);
    case 'C':
      return field('attr', `cookie_${param ?? ''}`);
    case 'n':
      return field('attr', `note_${param ?? ''}`);
    case 'o':
      return field('attr', `response_${(param ?? '').toLowerCase().replaceAll('-', '_')}`);
    case 'a':
      return field('client');
    case 'p':
      return field(param === 'remote' ? 'clientPort' : 'serverPort');
    case 'T':
      return field(param === 'ms' ? 'durationMillis' : param === 'us' ? 'durationMicros' : 'durationSeconds');
    case 't':
      return timeField(source, param);
  }
  const role = APACHE[letter];
  if (role !== undefined) return field(role, letter === 'l' ? 'ident' : letter === 'u' ? 'user' : '');
  const attr = APACHE_ATTRS[letter];
  if (attr !== undefined) return field('attr', attr);
  throw new Error(`Unknown Apache log format directive ${source}`);
}

function timeField(source: string, param: string | null): FormatField {
  const spec = (param ?? '').replace(/^(begin|end):/, '');
  const field = (role: FieldRole, time: StrftimeTime | null = null): FormatField => ({
    source,
    role,
    attr: '',
    time,
  });
  if (spec === '') return field('timeClf');
  if (spec === 'sec') return field('timeSeconds');
  if (spec === 'msec') return field('timeMillis');
  if (spec === 'usec') return field('timeMicros');
  return field('timeStrftime', compileStrftime(spec, source));
}

function pushField(out: CompiledLogFormat, literal: string, field: FormatField): void {
  if (out.fields.length > 0 && literal === '') {
    const before = out.fields[out.fields.length - 1];
    throw new Error(
      `${before?.source} and ${field.source} have nothing between them in the log format, so a line cannot tell where one ends`,
    );
  }
  out.literals.push(literal);
  out.fields.push(field);
}

/**
 * The first field for a role fills it; a later one for the same role (nginx `$bytes_sent` after
 * `$body_bytes_sent`) is kept as an attribute. Checks the format names a client and a time.
 */
function settleRoles(compiled: CompiledLogFormat): void {
  const taken = new Set<FieldRole>();
  for (const field of compiled.fields) {
    if (field.role === 'attr') continue;
    const role = isTime(field.role) ? 'timeClf' : field.role;
    if (taken.has(role)) {
      field.attr = attrName(field);
      field.role = 'attr';
    } else taken.add(role);
  }
  if (!taken.has('client'))
    throw new Error('The log format has no client address ($remote_addr, %h or %a); sessions need one');
  if (!taken.has('timeClf'))
    throw new Error(
      'The log format has no time ($time_local, $time_iso8601, $msec, %t or %{…}t); sessions need one',
    );
}

function isTime(role: FieldRole): boolean {
  return role.startsWith('time');
}

function attrName(field: FormatField): string {
  if (field.attr !== '') return field.attr;
  return field.source.replace(/^[$%]\{?|[{}]/g, '').replace(/[^A-Za-z0-9_]/g, '_') || 'field';
}
