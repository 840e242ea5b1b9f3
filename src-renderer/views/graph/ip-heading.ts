// Panel headings are IPs, which must never wrap: a broken address reads as two. IPv4 fits the
// heading's size; an IPv6 address (up to 39 characters) is set smaller so that it fits whole, and
// the heading's title and ellipsis cover anything longer still.
const IPV4_LENGTH = 15;

export function ipHeadingClass(ip: string): string {
  return ip.length > IPV4_LENGTH ? 'ip-heading long' : 'ip-heading';
}
