// Port vocabulary shared by the benign model and the attack injectors.

/** The name the CloudWatch export puts in `protocol` for a destination port. */
export function protocolForPort(port: number, udp: boolean): string {
  if (port === 443 || port === 8443) return 'HTTPS'; // QUIC (UDP 443) is still HTTPS to the analyst
  if (udp) return 'UDP';
  if (port === 80 || port === 8080) return 'HTTP';
  if (port === 22) return 'SSH';
  if (port === 3389) return 'RDP';
  return 'TCP';
}

/** Ports the servers listen on: a probe to any other port is refused. */
export const OPEN_PORTS: ReadonlySet<number> = new Set([22, 80, 443, 3389, 5601, 8080, 8443]);

/** What a scanner tries first (nmap's most common TCP ports), before random ones. */
export const SCAN_TCP_PORTS = [
  21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 995, 1433, 1521, 1723, 2049, 3306, 3389,
  5432, 5601, 5900, 5985, 6379, 8000, 8080, 8443, 8888, 9000, 9200, 11211, 27017,
];

export const SCAN_UDP_PORTS = [53, 67, 69, 123, 137, 161, 500, 514, 1900, 5353, 11211];
