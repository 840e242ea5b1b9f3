// An IP address that may break over lines only after a colon: an IPv6 address (up to 39
// characters) takes two lines in a narrow place rather than push what is beside it out of sight,
// and never breaks inside a group, where the cut would read as another address. An IPv4 address
// has no colon and never breaks. The Triage queue and the session drawer's heading use it.
import { Fragment, type ReactNode } from 'react';

export function breakableAddress(ip: string): ReactNode {
  const parts = ip.split(':');
  return parts.map((part, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one address, in their order.
    <Fragment key={i}>
      {part}
      {i < parts.length - 1 && (
        <>
          :<wbr />
        </>
      )}
    </Fragment>
  ));
}
