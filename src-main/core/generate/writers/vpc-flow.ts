// AWS VPC Flow Logs, default version 2 format with the header line S3 delivery writes. AWS logs
// each direction of a connection as its own record, so a session is two records (request, then
// response), or one REJECT record for a probe to a closed port. The format has no place for a
// label: the generator writes labels to the PATH.labels.csv sidecar, one per record line.
import { hex } from '../population.js';
import { OPEN_PORTS } from '../ports.js';
import { Rng } from '../rng.js';
import { PORT_SCAN, type Session } from '../session.js';
import { ACCOUNT_ID, type FormatWriter, type LineSink, mixKey, type WriterContext } from './format-writer.js';

const HEADER =
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

export function vpcFlowWriter(context: WriterContext): FormatWriter {
  const rng = new Rng(context.seed, 'vpc-flow');
  const prefix = `2 ${ACCOUNT_ID} `;
  // Interfaces of stopped standby hosts: they only ever log NODATA.
  const idle = [0, 1].map(() => `eni-0${hex(rng.next(), 8)}${hex(rng.next(), 8)}`);
  // The first comes early so that even a small file shows one.
  let untilNoData = 200 + rng.int(800);

  const packets = (bytes: number) => Math.max(1, Math.round(bytes / rng.between(600, 1400)));

  return {
    header: HEADER,
    sidecarLabels: true,
    write(s: Session, sink: LineSink): void {
      const server = context.servers[s.server]!;
      const proto = s.udp ? 17 : 6;
      // A SYN scanner keeps one source port per run; real clients pick a fresh ephemeral port.
      const clientPort =
        s.kind === PORT_SCAN ? 40000 + (mixKey(s.sourceKey, 7) % 20000) : 32768 + rng.int(28232);
      const start = Math.floor(s.start / 1000);
      const end = Math.floor((s.start + s.duration) / 1000);
      const times = ` ${start} ${end} `;
      const refused = s.kind === PORT_SCAN && (s.udp || !OPEN_PORTS.has(s.dstPort));
      sink.record(
        `${prefix}${server.eni} ${s.srcIp} ${server.ip} ${clientPort} ${s.dstPort} ${proto} ${packets(s.bytesIn)} ${s.bytesIn}${times}${refused ? 'REJECT' : 'ACCEPT'} OK`,
        s.kind,
      );
      if (!refused) {
        sink.record(
          `${prefix}${server.eni} ${server.ip} ${s.srcIp} ${s.dstPort} ${clientPort} ${proto} ${packets(s.bytesOut)} ${s.bytesOut}${times}ACCEPT OK`,
          s.kind,
        );
      }
      if (--untilNoData === 0) {
        untilNoData = 2000 + rng.int(4000);
        const window = Math.floor(start / 60) * 60;
        sink.other(`${prefix}${rng.pick(idle)} - - - - - - - ${window} ${window + 60} - NODATA`);
      }
    },
  };
}
