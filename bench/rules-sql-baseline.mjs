// The reference for `npm run bench -- rules`: the way the issue says not to run rules — one SQL
// query per rule over the sessions table, each Sigma test as LIKE / GLOB (wildcards), a REGEXP
// function, comparisons, the dictionary texts looked up per row — written plainly, as someone
// would translate a Sigma rule to SQL. It reads the rules as Vigil stored them (rule_sets.rules_json),
// so both sides run exactly the same rules, and returns the (session, rule) pairs it found.
import net from 'node:net';

// Vigil's rule fields as SQL over `sessions` (interned texts through their dictionaries).
const dict = (table, column) => `(SELECT value FROM ${table} WHERE id = ${column})`;
const FIELDS = {
  method: dict('http_methods', 'method_id'),
  host: dict('http_hosts', 'host_id'),
  path: dict('http_paths', 'path_id'),
  query: 'query',
  httpVersion: dict('http_versions', 'http_version_id'),
  userAgent: dict('user_agents', 'user_agent_id'),
  referrer: dict('referrers', 'referrer_id'),
  tlsProtocol: dict('tls_protocols', 'tls_protocol_id'),
  tlsCipher: dict('tls_ciphers', 'tls_cipher_id'),
  requestId: 'request_id',
  requestLine: 'request_line',
  srcIp: 'src_ip',
  dstIp: 'dst_ip',
  protocol: 'protocol',
  country: 'country',
  ruleName: 'rule_name',
  detectionType: 'detection_type',
  action: 'action',
  srcPort: 'src_port',
  dstPort: 'dst_port',
  responseCode: 'response_code',
  bytesIn: 'bytes_in',
  bytesOut: 'bytes_out',
  requestTimeMs: 'request_time_ms',
  asn: 'asn',
  packets: 'packets',
};
FIELDS.uri = `(${FIELDS.path} || coalesce('?' || query, ''))`;
FIELDS.uriExtension = `js_extension(${FIELDS.path})`;
const KEYWORD_FIELDS = ['uri', 'userAgent', 'referrer', 'host', 'requestLine'];
// URL fields, which a rule also reads percent-decoded once and twice (README "Detection rules":
// attackers encode payloads twice to pass a filter that decodes once); `true`: `+` is a space there.
const URL_FIELDS = { path: false, query: true, uri: true, referrer: true, requestLine: true };
const NUMBER_FIELDS = new Set([
  'srcPort',
  'dstPort',
  'responseCode',
  'bytesIn',
  'bytesOut',
  'requestTimeMs',
  'asn',
  'packets',
]);

/** The SQL functions the translation uses (a regex and a CIDR test, compiled once per pattern). */
export function registerFunctions(db) {
  const regexes = new Map();
  db.function('js_regexp', { deterministic: true }, (source, flags, value) => {
    if (value === null) return 0;
    const key = `${flags}/${source}`;
    let regex = regexes.get(key);
    if (!regex) {
      regex = new RegExp(source, flags);
      regexes.set(key, regex);
    }
    return regex.test(String(value)) ? 1 : 0;
  });
  const blocks = new Map();
  db.function('js_cidr', { deterministic: true }, (cidr, value) => {
    const family = value === null ? 0 : net.isIP(String(value));
    if (family === 0) return 0;
    let list = blocks.get(cidr);
    if (!list) {
      list = new net.BlockList();
      const [address, prefix] = cidr.split('/');
      const type = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(prefix), type);
      blocks.set(cidr, list);
    }
    return list.check(String(value), family === 6 ? 'ipv6' : 'ipv4') ? 1 : 0;
  });
  // One round of percent-decoding, written plainly: a run of escapes that is not UTF-8 stays as logged.
  db.function('js_decoded', { deterministic: true }, (value, plusIsSpace) => {
    if (value === null) return null;
    const spaced = plusIsSpace ? String(value).replaceAll('+', ' ') : String(value);
    return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  });
  // A decoded NUL ends a name for the server's file API (`/.env%00.html`): the text before it, else NULL.
  db.function('js_before_nul', { deterministic: true }, (value) => {
    const nul = value === null ? -1 : String(value).indexOf('\0');
    return nul < 0 ? null : String(value).slice(0, nul);
  });
  db.function('js_extension', { deterministic: true }, (path) => {
    if (path === null) return null;
    const slash = path.lastIndexOf('/');
    const dot = path.lastIndexOf('.');
    return dot > slash ? path.slice(dot + 1) : '';
  });
}

function patternSql(expr, value, bind) {
  if (value.cased) {
    const glob = value.pattern
      .map((t) => (typeof t === 'string' ? t.replace(/[*?[]/g, (c) => `[${c}]`) : t.wildcard))
      .join('');
    return `${expr} GLOB ${bind(glob)}`;
  }
  const like = value.pattern
    .map((t) =>
      typeof t === 'string' ? t.replace(/[\\%_]/g, (c) => `\\${c}`) : t.wildcard === '*' ? '%' : '_',
    )
    .join('');
  return `${expr} LIKE ${bind(like)} ESCAPE '\\'`;
}

/** A URL field's decoded spellings, columns of the `spelled` table runBaseline fills once per row. */
const spelledColumns = (field) => ['once', 'twice', 'nul'].map((spelling) => `spelled.${field}_${spelling}`);

/**
 * A test of one value on `field`: for a URL field, on the text as logged, decoded once or twice, or
 * decoded and cut at a NUL.
 */
function valueSql(field, value, bind) {
  if (URL_FIELDS[field] === undefined || value.type === 'exists' || value.type === 'null')
    return valueOnSql(FIELDS[field], field, value, bind);
  return `(${[FIELDS[field], ...spelledColumns(field)].map((expr) => `coalesce(${valueOnSql(expr, field, value, bind)}, 0)`).join(' OR ')})`;
}

function valueOnSql(expr, field, value, bind) {
  switch (value.type) {
    case 'exists':
      return value.present ? `${expr} IS NOT NULL` : `${expr} IS NULL`;
    case 'null':
      return `(${expr} IS NULL OR ${expr} = '')`;
    case 'number': {
      if (value.op === 'eq' && !NUMBER_FIELDS.has(field))
        return `lower(${expr}) = lower(${bind(String(value.value))})`;
      const op = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' }[value.op];
      return `${expr} ${op} ${bind(value.value)}`;
    }
    case 'text':
      return patternSql(expr, value, bind);
    case 'regex':
      return `js_regexp(${bind(value.source)}, ${bind(value.flags)}, ${expr})`;
    case 'cidr':
      return `js_cidr(${bind(value.cidr)}, ${expr})`;
  }
  throw new Error(`no SQL for ${value.type}`);
}

function testSql(test, bind) {
  const fields = test.field === 'keywords' ? KEYWORD_FIELDS : [test.field];
  // A written value is a group of spellings (the text as written and the decoded forms it also
  // matches): any spelling in any of the fields.
  const values = test.values.map(
    (spellings) =>
      `(${spellings.flatMap((value) => fields.map((f) => `coalesce(${valueSql(f, value, bind)}, 0)`)).join(' OR ')})`,
  );
  return `(${values.join(test.combine === 'all' ? ' AND ' : ' OR ')})`;
}

function conditionSql(node, selections) {
  switch (node.kind) {
    case 'ref':
      return selections.get(node.name);
    case 'not':
      return `NOT ${conditionSql(node.of, selections)}`;
    case 'and':
      return `(${node.of.map((n) => conditionSql(n, selections)).join(' AND ')})`;
    case 'or':
      return `(${node.of.map((n) => conditionSql(n, selections)).join(' OR ')})`;
    case 'atLeast':
      return `((${node.names.map((name) => selections.get(name)).join(') + (')}) >= ${node.count})`;
  }
  throw new Error(`no SQL for ${node.kind}`);
}

/** A rule's WHERE clause and its parameters. */
export function ruleSql(rule) {
  const params = [];
  const bind = (value) => {
    params.push(value);
    return '?';
  };
  const selections = new Map(
    rule.selections.map((selection) => [
      selection.name,
      `coalesce((${selection.alternatives.map((tests) => `(${tests.map((t) => testSql(t, bind)).join(' AND ')})`).join(' OR ')}), 0)`,
    ]),
  );
  // The logsource's sessions (core/rules/logsource.ts): a request log's rule holds on sessions with
  // a method, a path or a user agent; a firewall or Zeek conn rule on the others.
  const request = `(method_id IS NOT NULL OR path_id IS NOT NULL OR user_agent_id IS NOT NULL)`;
  const { category, service } = rule.logsource ?? {};
  const flow = category ? category === 'firewall' : service === 'conn';
  const scope = flow ? `NOT ${request}` : request;
  return { where: `${scope} AND ${conditionSql(rule.condition, selections)}`, params };
}

/**
 * Decodes each request's URL fields once, as someone translating the rules to SQL would (decoding
 * in every test instead costs one call per test and row: 240 requests/s instead of thousands), into
 * a temporary table the rule queries join.
 */
function fillSpelled(db, lastId) {
  const columns = [];
  const values = [];
  for (const [field, plusIsSpace] of Object.entries(URL_FIELDS)) {
    const once = `js_decoded(${FIELDS[field]}, ${plusIsSpace ? 1 : 0})`;
    const twice = `js_decoded(${field}_once, ${plusIsSpace ? 1 : 0})`;
    columns.push(`${field}_once`, `${field}_twice`, `${field}_nul`);
    values.push([once, twice, `js_before_nul(${field}_twice)`]);
  }
  // Each spelling is built from the one before, one step (one UPDATE) at a time.
  db.exec('DROP TABLE IF EXISTS temp.spelled');
  db.exec(`CREATE TEMP TABLE spelled (id INTEGER PRIMARY KEY, ${columns.join(', ')})`);
  db.prepare(
    `INSERT INTO spelled (id, ${columns.filter((_, i) => i % 3 === 0).join(', ')})
     SELECT id, ${values.map(([once]) => once).join(', ')} FROM sessions WHERE id <= ?`,
  ).run(lastId);
  for (const step of [1, 2])
    db.exec(`UPDATE spelled SET ${values.map((v, i) => `${columns[i * 3 + step]} = ${v[step]}`).join(', ')}`);
}

/** Runs every rule as its own query over the sessions with id <= lastId; returns the (session, rule) hits. */
export function runBaseline(db, rules, lastId) {
  registerFunctions(db);
  fillSpelled(db, lastId);
  let hits = 0;
  const pairs = new Set();
  for (const rule of rules) {
    const { where, params } = ruleSql(rule);
    const select = db
      .prepare(`SELECT id FROM sessions JOIN spelled USING (id) WHERE id <= ? AND (${where})`)
      .pluck();
    for (const id of select.iterate(lastId, ...params)) {
      hits++;
      pairs.add(`${id}:${rule.id}`);
    }
  }
  return { hits, pairs };
}
