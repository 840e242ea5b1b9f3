// Apache/nginx Combined Log Format: `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`,
// one request per line, as Apache httpd writes it: `-` for an absent field, for a zero-byte body
// and for a connection that sent no request line; a request line that is not HTTP (a TLS
// handshake on the plain port) logged as its escaped bytes. Labels go to PATH.labels.csv.
import { ClfTime } from '../time-text.js';
import type { WebRequest } from '../web/request.js';
import type { FormatWriter, LineSink, WebWriterContext } from './format-writer.js';
import { escapeLogBytes, escapeLogText } from './log-escape.js';

export function combinedWriter(_context: WebWriterContext): FormatWriter<WebRequest> {
  const time = new ClfTime();
  return {
    header: null,
    sidecarLabels: true,
    write(r: WebRequest, sink: LineSink): void {
      const request =
        r.raw === null
          ? escapeLogText(`${r.method} ${r.target} ${r.version}`)
          : r.raw === ''
            ? '-'
            : escapeLogBytes(r.raw);
      const user = r.user === '' ? '-' : escapeLogText(r.user);
      const referrer = r.referrer === '' ? '-' : escapeLogText(r.referrer);
      const agent = r.agent === '' ? '-' : escapeLogText(r.agent);
      sink.record(
        `${r.ip} - ${user} ${time.format(r.start)} "${request}" ${r.status} ${r.bytes > 0 ? r.bytes : '-'} "${referrer}" "${agent}"`,
        r.kind,
      );
    },
  };
}
