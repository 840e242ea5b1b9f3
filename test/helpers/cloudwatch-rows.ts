import fs from 'node:fs';

export const CLOUDWATCH_HEADER =
  'bytes_in,bytes_out,creation_time,end_time,src_ip,src_ip_country_code,protocol,response.code,dst_port,dst_ip,rule_names,observation_name,source.meta,source.name,time,detection_types';

const COUNTRIES = ['US', 'CA', 'DE', 'NL', 'AE', 'AT', 'IL'];

/** Row i of a deterministic CloudWatch-format file: distinct sessions, a few hundred source IPs. */
export function cloudwatchRow(i: number, startMs = Date.UTC(2024, 3, 25)): string {
  const start = new Date(startMs + i * 7_000).toISOString().replace('.000', '');
  const end = new Date(startMs + i * 7_000 + 600_000).toISOString().replace('.000', '');
  const ip = `${20 + (i % 180)}.${(i * 7) % 256}.${(i * 13) % 256}.${(i * 31) % 250}`;
  return `${1000 + ((i * 7919) % 90_000)},${500 + ((i * 104_729) % 40_000)},${start},${end},${ip},${COUNTRIES[i % COUNTRIES.length]},HTTPS,200,443,10.138.69.97,Suspicious Web Traffic,Adversary Infrastructure Interaction,AWS_VPC_Flow,prod_webserver,${start},waf_rule`;
}

/** Writes rows [from, to) with a header, streaming so large files stay cheap. */
export async function writeCloudwatchFile(file: string, from: number, to: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${CLOUDWATCH_HEADER}\n`);
  let chunk = '';
  for (let i = from; i < to; i++) {
    chunk += `${cloudwatchRow(i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}
