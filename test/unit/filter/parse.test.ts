import { describe, expect, it } from 'vitest';
import {
  cidrRange,
  FilterClause,
  ipv6BlockRange,
  parseFilter,
  parseFilterOrThrow,
  serializeFilter,
} from '../../../src-shared/filter/index.js';

const errorOf = (text: string) => {
  const result = parseFilter(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
};

describe('filter language: parsing', () => {
  it('parses the example from the issue into one clause per term', () => {
    const clauses = parseFilterOrThrow(
      'src:1.2.3.4 dst:10.0.0.0/8 country:US,ca port:443 score:>=0.8 rule:"Suspicious Web Traffic" verdict:none type:waf_rule proto:tcp beacon',
    );
    expect(clauses).toEqual([
      { field: 'src', negate: false, values: [{ kind: 'ip', value: '1.2.3.4' }] },
      { field: 'dst', negate: false, values: [{ kind: 'cidr', base: '10.0.0.0', prefix: 8 }] },
      {
        field: 'country',
        negate: false,
        values: [
          { kind: 'text', value: 'US' },
          { kind: 'text', value: 'CA' },
        ],
      },
      { field: 'port', negate: false, values: [{ kind: 'cmp', op: '=', value: 443 }] },
      { field: 'score', negate: false, values: [{ kind: 'cmp', op: '>=', value: 0.8 }] },
      { field: 'rule', negate: false, values: [{ kind: 'text', value: 'Suspicious Web Traffic' }] },
      { field: 'verdict', negate: false, values: [{ kind: 'text', value: 'none' }] },
      { field: 'type', negate: false, values: [{ kind: 'text', value: 'waf_rule' }] },
      { field: 'proto', negate: false, values: [{ kind: 'text', value: 'tcp' }] },
      { field: 'text', negate: false, values: [{ kind: 'text', value: 'beacon' }] },
    ]);
  });

  it('reads negation, ranges, every comparison, field names in any case and extra spaces', () => {
    expect(
      parseFilterOrThrow('  -country:CN   PORT:1000..2000 code:<400 bytes_in:>5 duration:<=10 sport:=80 '),
    ).toEqual([
      { field: 'country', negate: true, values: [{ kind: 'text', value: 'CN' }] },
      { field: 'port', negate: false, values: [{ kind: 'range', min: 1000, max: 2000 }] },
      { field: 'code', negate: false, values: [{ kind: 'cmp', op: '<', value: 400 }] },
      { field: 'bytes_in', negate: false, values: [{ kind: 'cmp', op: '>', value: 5 }] },
      { field: 'duration', negate: false, values: [{ kind: 'cmp', op: '<=', value: 10 }] },
      { field: 'sport', negate: false, values: [{ kind: 'cmp', op: '=', value: 80 }] },
    ]);
    expect(parseFilterOrThrow('score:0.25..0.75')[0]!.values).toEqual([
      { kind: 'range', min: 0.25, max: 0.75 },
    ]);
  });

  it('keeps a /32 as an exact address, and free text that looks like IPv6 as text', () => {
    expect(parseFilterOrThrow('src:8.8.8.8/32')[0]!.values).toEqual([{ kind: 'ip', value: '8.8.8.8' }]);
    expect(parseFilterOrThrow('fe80::1')).toEqual([
      { field: 'text', negate: false, values: [{ kind: 'text', value: 'fe80::1' }] },
    ]);
    expect(parseFilterOrThrow('ip:2001:DB8::1')[0]!.values).toEqual([{ kind: 'ip', value: '2001:db8::1' }]);
  });

  it('reads IPv6 blocks in any text form, up to /128, and writes them back', () => {
    expect(parseFilterOrThrow('dst:2001:DB8::/32,::ffff:10.0.0.0/104 -src:fe80::/10')).toEqual([
      {
        field: 'dst',
        negate: false,
        values: [
          { kind: 'cidr', base: '2001:db8::', prefix: 32 },
          { kind: 'cidr', base: '::ffff:10.0.0.0', prefix: 104 },
        ],
      },
      { field: 'src', negate: true, values: [{ kind: 'cidr', base: 'fe80::', prefix: 10 }] },
    ]);
    expect(parseFilterOrThrow('src:2001:db8::1/128')[0]!.values).toEqual([
      { kind: 'cidr', base: '2001:db8::1', prefix: 128 },
    ]);
    const text = 'src:2001:db8::/32,10.0.0.0/8 -ip:::/0';
    expect(serializeFilter(parseFilterOrThrow(text))).toBe(text);
    // The block's range ignores the base's host bits, as for IPv4.
    expect(ipv6BlockRange({ base: '2001:db8:ffff::1', prefix: 32 })).toEqual({
      first: '20010db8000000000000000000000000',
      last: '20010db8ffffffffffffffffffffffff',
    });
    expect(ipv6BlockRange({ base: '::ffff:10.1.2.3', prefix: 120 })).toEqual({
      first: '00000000000000000000ffff0a010200',
      last: '00000000000000000000ffff0a0102ff',
    });
    expect(ipv6BlockRange({ base: '10.0.0.0', prefix: 8 })).toBeNull();
  });

  it('reads quoted values with escapes, quoted lists and quoted free phrases', () => {
    expect(parseFilterOrThrow('rule:"a \\"b\\" \\\\ c","d e" "two words" -"not this"')).toEqual([
      {
        field: 'rule',
        negate: false,
        values: [
          { kind: 'text', value: 'a "b" \\ c' },
          { kind: 'text', value: 'd e' },
        ],
      },
      { field: 'text', negate: false, values: [{ kind: 'text', value: 'two words' }] },
      { field: 'text', negate: true, values: [{ kind: 'text', value: 'not this' }] },
    ]);
  });

  it('gives an empty filter no clauses', () => {
    expect(parseFilterOrThrow('')).toEqual([]);
    expect(parseFilterOrThrow(' \t\n ')).toEqual([]);
  });

  it('reads the request terms as text, wildcards and LIKE characters kept as typed', () => {
    const text = (value: string) => ({ kind: 'text', value });
    expect(
      parseFilterOrThrow(
        'method:POST,get host:Shop.Example.com path:/wp-*/*.php query:100%_ ua:"sqlmap/1.8 (x)" -referrer:google',
      ),
    ).toEqual([
      { field: 'method', negate: false, values: [text('POST'), text('get')] },
      { field: 'host', negate: false, values: [text('Shop.Example.com')] },
      { field: 'path', negate: false, values: [text('/wp-*/*.php')] },
      { field: 'query', negate: false, values: [text('100%_')] },
      { field: 'ua', negate: false, values: [text('sqlmap/1.8 (x)')] },
      { field: 'referrer', negate: true, values: [text('google')] },
    ]);
  });

  it('reads =value as the whole value of a pattern term, and as the value it is for any other term', () => {
    const exact = (value: string) => ({ kind: 'exact', value });
    expect(
      parseFilterOrThrow('path:=/login,/wp-* ua:="sqlmap/1.8 (x)" -referrer:=https://a.example/ query:=id=1'),
    ).toEqual([
      { field: 'path', negate: false, values: [exact('/login'), { kind: 'text', value: '/wp-*' }] },
      { field: 'ua', negate: false, values: [exact('sqlmap/1.8 (x)')] },
      { field: 'referrer', negate: true, values: [exact('https://a.example/')] },
      { field: 'query', negate: false, values: [exact('id=1')] },
    ]);
    // A term that is matched whole already reads the same value; a number's = is its comparison.
    expect(parseFilterOrThrow('method:=POST host:="a.example" sigma:="SQL injection"')).toEqual([
      { field: 'method', negate: false, values: [{ kind: 'text', value: 'POST' }] },
      { field: 'host', negate: false, values: [{ kind: 'text', value: 'a.example' }] },
      { field: 'sigma', negate: false, values: [exact('SQL injection')] },
    ]);
    expect(parseFilterOrThrow('code:=500')).toEqual(parseFilterOrThrow('code:500'));
    // Quoted, the = is part of the text; two of them leave one in the exact value.
    expect(parseFilterOrThrow('path:"=x" ua:==y')).toEqual([
      { field: 'path', negate: false, values: [{ kind: 'text', value: '=x' }] },
      { field: 'ua', negate: false, values: [exact('=y')] },
    ]);
    expect(errorOf('path:=')).toMatchObject({ message: 'path: a value must follow =', start: 5, end: 6 });
    expect(errorOf('ua:=""').message).toBe('ua: the quoted value is empty');
    expect(errorOf('path:="/a"b').message).toBe('Put a space or a comma after a quoted value');
  });

  it('reads status: as code:, in clauses and in the text made from them', () => {
    const status = parseFilterOrThrow('STATUS:>=500 -status:404,200..299');
    expect(status).toEqual(parseFilterOrThrow('code:>=500 -code:404,200..299'));
    expect(serializeFilter(status)).toBe('code:>=500 -code:404,200..299');
    // An error names the term as it was typed.
    expect(errorOf('status:abc')).toMatchObject({
      message: expect.stringMatching(/^status: bad comparison "abc"/),
    });
    expect(errorOf('status:1000').message).toBe('status: 1000 is out of range (0 to 999)');
  });

  it('reads a status class (5xx) as its hundred codes, as the status chart filters by it', () => {
    expect(parseFilterOrThrow('status:5xx')).toEqual(parseFilterOrThrow('code:500..599'));
    expect(serializeFilter(parseFilterOrThrow('code:4XX,5xx -status:404'))).toBe(
      'code:400..499,500..599 -code:404',
    );
    // Only a number term for codes takes a class; a class is one digit and "xx".
    expect(errorOf('port:4xx').message).toMatch(/^port: bad comparison "4xx"/);
    expect(errorOf('status:>=5xx').message).toMatch(/^status: bad comparison ">=5xx"/);
    expect(errorOf('status:50x').message).toMatch(/^status: bad comparison "50x"/);
  });
});

describe('filter language: a term that can never match is refused, saying what is expected', () => {
  it('takes the HTTP status classes 1xx to 5xx only, and points other codes to a range', () => {
    // HTTP defines five classes (RFC 9110 §15); a stored code outside them (CloudFront's 000) is
    // still found by its number or a range.
    for (const digit of [1, 2, 3, 4, 5])
      expect(parseFilterOrThrow(`status:${digit}xx`)[0]!.values).toEqual([
        { kind: 'range', min: digit * 100, max: digit * 100 + 99 },
      ]);
    for (const klass of ['0xx', '6xx', '9XX']) {
      const error = errorOf(`status:${klass}`);
      expect(error.message).toBe(
        `status: ${klass} is not an HTTP status class (1xx to 5xx); write other codes as a number or a range, like 600..699`,
      );
      expect([error.start, error.end]).toEqual([7, 10]);
    }
    expect(errorOf('code:2xx,6xx').message).toMatch(/^code: 6xx is not an HTTP status class/);
    expect(parseFilterOrThrow('code:600..699,0')[0]!.values).toHaveLength(2);
  });

  it('takes a two-letter country code only, as every importer and the GeoIP lookup store it', () => {
    expect(parseFilterOrThrow('country:us,De')[0]!.values).toEqual([
      { kind: 'text', value: 'US' },
      { kind: 'text', value: 'DE' },
    ]);
    for (const [text, value] of [
      ['country:USA', 'USA'],
      ['country:US,Germany', 'Germany'],
      ['-country:"United States"', 'United States'],
      ['country:U1', 'U1'],
    ] as const) {
      const error = errorOf(text);
      expect(error.message).toBe(
        `country: "${value}" is not a two-letter country code (ISO 3166, like US or DE)`,
      );
      expect(text.slice(error.start, error.end)).toContain(value);
    }
  });
});

describe('filter language: a bare field name of a fixed vocabulary is a hint, not a search', () => {
  it.each([
    ['flagged', 'flagged:yes', 'yes, no'],
    ['-flagged', '-flagged:yes', 'yes, no'],
    ['Verdict', 'verdict:none', 'malicious, benign, review, none'],
    ['level', 'level:>=high', 'informational, low, medium, high, critical'],
    ['uaclass', 'uaclass:bot', 'browser, bot, tool, empty'],
  ])('%s says which term was meant and what it takes', (word, meant, values) => {
    const text = `port:443 ${word}`;
    const error = errorOf(text);
    const name = word.replace(/^-/, '');
    expect(error.message).toBe(
      `"${name}" alone searches the text "${name}": did you mean ${meant}? (${name.toLowerCase()}: takes ${values}; quote "${name}" to search the text)`,
    );
    expect(text.slice(error.start, error.end)).toBe(word);
  });

  it('says how to search a text that reads like a field, such as a URL: quote it', () => {
    expect(errorOf('ua:curl http://evil.example/x').message).toMatch(
      /^Unknown field "http"\. Fields: src, .*, level; to search the text, quote it: "http:\/\/evil\.example\/x"$/,
    );
    expect(errorOf('-C:\\Windows\\win.ini').message).toMatch(
      /^Unknown field "C"\. .*; to search the text, quote it: -"C:\\Windows\\win\.ini"$/,
    );
    expect(parseFilterOrThrow('"http://evil.example/x"')[0]!.values).toEqual([
      { kind: 'text', value: 'http://evil.example/x' },
    ]);
    // The advice parses back to the text: a backslash before another is written twice.
    const unc = errorOf('smb:\\\\host\\share').message.split('quote it: ')[1]!;
    expect(unc).toBe('"smb:\\\\\\host\\share"');
    expect(parseFilterOrThrow(unc)[0]!.values).toEqual([{ kind: 'text', value: 'smb:\\\\host\\share' }]);
    // A text with a quote of its own gets no such advice (it would need escapes).
    expect(errorOf('foo:"a b"').message).toMatch(/, level$/);
  });

  it('keeps a quoted field name, another field name and any other word free text', () => {
    for (const text of ['"flagged"', '-"verdict"', 'country', 'score', 'flaggedx', 'bot'])
      expect(parseFilterOrThrow(text)[0]!.field).toBe('text');
  });
});

describe('filter language: errors say what is wrong and where', () => {
  it.each([
    ['foo:1', /Unknown field "foo"/, 0, 4],
    ['port:443 sorce:1.2.3.4', /Unknown field "sorce"/, 9, 15],
    ['src:10.0.0.0/33', /bad CIDR.*0 to 32/, 4, 15],
    ['src:10.0.0/8', /bad CIDR.*not an IPv4 address/, 4, 12],
    // It read `bad CIDR "/8":  is not an IPv4 address`, naming no address.
    ['src:/8', /^src: bad CIDR "\/8": no address before the \/$/, 4, 6],
    ['src:/8,10.0.0.0/8', /^src: bad CIDR "\/8": no address before the \/$/, 4, 6],
    ['dst:300.1.1.1/8', /bad CIDR/, 4, 15],
    ['dst:2001:db8::/129', /bad CIDR.*0 to 128/, 4, 18],
    ['src:2001:db8:::1/64', /bad CIDR.*not an IPv6 address/, 4, 19],
    ['src:1:2:3:4:5:6:7:8:9/64', /bad CIDR.*not an IPv6 address/, 4, 24],
    ['src:example.com', /not an IP address/, 4, 15],
    ['score:>=', /bad comparison.*must follow >=/, 6, 8],
    ['score:=>0.8', /bad comparison/, 6, 11],
    ['score:>>1', /bad comparison/, 6, 9],
    ['score:1.5', /out of range/, 6, 9],
    ['port:44.3', /not a whole number/, 5, 9],
    ['port:70000', /out of range/, 5, 10],
    ['port:9..1', /reversed/, 5, 9],
    ['rule:"Suspicious Web', /Unclosed quote/, 5, 20],
    ['"open phrase', /Unclosed quote/, 0, 12],
    ['country:', /needs a value after the colon/, 7, 8],
    ['country:US,', /needs a value after the comma/, 10, 11],
    ['rule:"a"b', /space or a comma/, 8, 9],
    ['verdict:maybe', /not one of malicious, benign, review, none/, 8, 13],
    ['rule:""', /empty/, 5, 7],
  ])('%s', (text, message, start, end) => {
    const error = errorOf(text);
    expect(error.message).toMatch(message);
    expect([error.start, error.end]).toEqual([start, end]);
  });
});

describe('filter language: hostile input', () => {
  it('treats markup and SQL as plain values', () => {
    const clauses = parseFilterOrThrow(`rule:"<img src=x onerror=alert(1)>" '; DROP TABLE sessions; --`);
    expect(clauses[0]!.values).toEqual([{ kind: 'text', value: '<img src=x onerror=alert(1)>' }]);
    expect(clauses.slice(1).map((c) => c.values[0])).toEqual([
      { kind: 'text', value: "';" },
      { kind: 'text', value: 'DROP' },
      { kind: 'text', value: 'TABLE' },
      { kind: 'text', value: 'sessions;' },
      // "--" is "not the word -": the minus always means exclusion, even here.
      { kind: 'text', value: '-' },
    ]);
    expect(clauses.at(-1)!.negate).toBe(true);
  });

  it('refuses oversized input, too many terms and too many values quickly', () => {
    expect(errorOf('x'.repeat(5000)).message).toMatch(/longer than 2000/);
    expect(errorOf('a '.repeat(60)).message).toMatch(/At most 50 terms/);
    expect(errorOf(`country:${'US,'.repeat(150)}US`).message).toMatch(/at most 100 values/);
    expect(errorOf(`rule:"${'a'.repeat(600)}"`).message).toMatch(/longer than 500/);
    const started = performance.now();
    parseFilter(`${'"'.repeat(1999)}`);
    parseFilter(`src:${'1.'.repeat(990)}`);
    parseFilter('score:'.repeat(300));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('survives random garbage: every input parses or fails with a span inside the input', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = 'ab:,"\\ -./0123456789<>=srcdtpoy\u0000\u202e😀\n';
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 30) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const result = parseFilter(text);
      if (!result.ok) {
        expect(result.error.start).toBeGreaterThanOrEqual(0);
        expect(result.error.end).toBeLessThanOrEqual(text.length);
        expect(result.error.start).toBeLessThanOrEqual(result.error.end);
      } else {
        for (const clause of result.clauses) expect(FilterClause.safeParse(clause).success).toBe(true);
      }
    }
  });
});

describe('filter language: spaces pasted from elsewhere', () => {
  it('separates terms by any space, a no-break one included, and keeps it inside quotes', () => {
    // `ua:curl\u00a0status:200` (copied from a web page) was one term, ua: "curl status:200",
    // which matched nothing and said nothing.
    for (const space of ['\u00a0', '\u2009', '\u3000', '\u202f'])
      expect(parseFilterOrThrow(`ua:curl${space}status:200${space}sqlmap`)).toEqual(
        parseFilterOrThrow('ua:curl status:200 sqlmap'),
      );
    expect(parseFilterOrThrow('ua:"a\u00a0b"')[0]!.values).toEqual([{ kind: 'text', value: 'a\u00a0b' }]);
  });

  it('refuses the curly quotes and dashes an editor put in, saying what to type instead', () => {
    // Read as text, `ua:“curl”` searched for the quote marks and `–ua:curl` for "–ua:curl": 0, silently.
    expect(errorOf('port:443 ua:“curl 8”')).toMatchObject({
      message:
        'Curly quote “: write straight quotes "…" around a value (or put the “ inside them to search it)',
      start: 12,
      end: 13,
    });
    expect(errorOf('„sql injection“').message).toMatch(/^Curly quote „/);
    expect(errorOf('ua:=“curl”')).toMatchObject({ start: 4, end: 5 });
    expect(errorOf('port:443 –ua:curl')).toMatchObject({
      message: 'Write - (a hyphen) to exclude a term: "–" is another dash',
      start: 9,
      end: 10,
    });
    expect(errorOf('—country:US').message).toMatch(/"—" is another dash/);
    // Inside straight quotes they are text like any other, and a dash inside a word is text.
    expect(parseFilterOrThrow('ua:"“x”" "–ua:x" a–b')[0]!.values).toEqual([{ kind: 'text', value: '“x”' }]);
    expect(parseFilterOrThrow('"–ua:x" a–b').map((c) => c.values[0])).toEqual([
      { kind: 'text', value: '–ua:x' },
      { kind: 'text', value: 'a–b' },
    ]);
  });
});

describe('filter language: serializing', () => {
  it.each([
    'src:1.2.3.4 dst:10.0.0.0/8 country:US,CA port:443 score:>=0.8',
    'rule:"Suspicious Web Traffic" -type:waf_rule verdict:none proto:tcp',
    'rule:"a \\"quoted\\" b","x,y" "free phrase" -word "-dash" "port:80"',
    'port:1000..2000 code:<400 bytes_out:>1e+21',
    'rule:"<img src=x onerror=alert(1)>"',
    'path:=/login,"=x",/a ua:="Mozilla/5.0 (X11)" -query:==id sigma:="SQL injection" rule:"=y"',
    // A quoted field name stays text: bare, it was written back as `flagged`, which is refused.
    '"flagged" -"Verdict" "level" "uaclass" country',
  ])('round-trips %s', (text) => {
    const clauses = parseFilterOrThrow(text);
    expect(parseFilterOrThrow(serializeFilter(clauses))).toEqual(clauses);
  });
});

describe('CIDR ranges', () => {
  it('span the block whatever the host bits of the base', () => {
    expect(cidrRange({ base: '10.1.2.3', prefix: 8 })).toEqual({
      first: 10 * 2 ** 24,
      last: 11 * 2 ** 24 - 1,
    });
    expect(cidrRange({ base: '0.0.0.0', prefix: 0 })).toEqual({ first: 0, last: 2 ** 32 - 1 });
    expect(cidrRange({ base: '172.16.0.0', prefix: 12 })).toEqual({
      first: 172 * 2 ** 24 + 16 * 2 ** 16,
      last: 172 * 2 ** 24 + 31 * 2 ** 16 + 255 * 256 + 255,
    });
    expect(cidrRange({ base: '1.2.3', prefix: 8 })).toBeNull();
  });
});
