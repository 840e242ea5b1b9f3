// The CloudWatch "Suspicious Web Threat Interactions" CSV: the sample's 16 columns in its order and
// value style, plus a trailing `label` column.
import { cumulative, Rng } from '../rng.js';
import { LABELS, type Session } from '../session.js';
import { IsoSeconds } from '../time-text.js';
import type { FormatWriter, LineSink, WriterContext } from './format-writer.js';

const HEADER =
  'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types,label';

/** [detection_types, rule_names, observation_name]: the sample's triple first. */
const RULES: readonly (readonly [string, string, string])[] = [
  ['waf_rule', 'Suspicious Web Traffic', 'Adversary Infrastructure Interaction'],
  ['waf_rule', 'Bot Control Signal', 'Automated Client Interaction'],
  ['flow_log', 'Unusual Port Activity', 'Network Reconnaissance'],
  ['flow_log', 'Large Outbound Transfer', 'Data Movement'],
  ['auth_log', 'Repeated Authentication Failures', 'Credential Access Attempt'],
  ['threat_intel', 'Known Bad Reputation', 'Adversary Infrastructure Interaction'],
];

// Per label (LABELS order): how often each rule fired. Detections are noisy on purpose: the sample's
// generic rule dominates everywhere and the specific ones also fire on benign traffic, so
// detection_types hints at the label without being it.
const RULE_SUMS = [
  [0.9, 0.05, 0.015, 0.015, 0.01, 0.01],
  [0.45, 0.1, 0.35, 0, 0, 0.1],
  [0.45, 0.1, 0, 0, 0.35, 0.1],
  [0.55, 0, 0, 0.35, 0, 0.1],
  [0.6, 0.25, 0, 0, 0, 0.15],
  [0.75, 0.05, 0, 0, 0, 0.2],
].map((weights) => cumulative(weights));

// Rare hostile-looking observation names (valid CSV, quoted where needed) that the app must show
// inert and export without turning into spreadsheet formulas.
const HOSTILE_OBSERVATIONS = [
  '"<script>alert(document.domain)</script>"',
  '"=HYPERLINK(""http://198.51.100.7/x"",""open"")"',
  '"Interaction, ""quoted"" and comma"',
  '"<img src=x onerror=alert(1)>"',
  '"+cmd|\' /C calc\'!A0"',
];

export function cloudwatchCsvWriter(context: WriterContext): FormatWriter {
  const rng = new Rng(context.seed, 'cloudwatch-csv');
  const startText = new IsoSeconds();
  const endText = new IsoSeconds();
  const servers = context.servers;
  return {
    header: HEADER,
    sidecarLabels: false,
    write(s: Session, sink: LineSink): void {
      const rule = RULES[rng.weighted(RULE_SUMS[s.kind]!)]!;
      const observation = rng.chance(0.001) ? rng.pick(HOSTILE_OBSERVATIONS) : rule[2];
      const server = servers[s.server]!;
      const start = startText.format(s.start);
      sink.record(
        `${s.bytesIn},${s.bytesOut},${start},${endText.format(s.start + s.duration)},${s.srcIp},${s.country},${s.protocol},${s.responseCode},${s.dstPort},${server.ip},${rule[1]},${observation},AWS_VPC_Flow,${server.name},${start},${rule[0]},${LABELS[s.kind]}`,
        s.kind,
      );
    },
  };
}
