import ipaddr from 'ipaddr.js';

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by its
 * /64 (one subscriber's network: a client has a whole /64 to pick fresh addresses from).
 */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (ip.kind() === 'ipv4') return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}
