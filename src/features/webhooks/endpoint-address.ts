// Which network addresses a webhook may be delivered to. Subscribers are typed in by an administrator, but a URL
// that points inside the hosting network (loopback, private ranges, the cloud metadata address…) would let the
// server be used to reach machines the Internet cannot: refused unless local delivery is allowed (development,
// tests). Checked on the address actually connected to, after DNS, so a name cannot resolve to a private one.
import { BlockList, isIP } from "node:net";

const INTERNAL = new BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 3], // multicast and reserved, up to 255.255.255.255
] as const) {
  INTERNAL.addSubnet(prefix, bits, "ipv4");
}
for (const [prefix, bits] of [
  ["::", 127], // unspecified and loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  INTERNAL.addSubnet(prefix, bits, "ipv6");
}

/** True for an address on the public Internet; false for internal ones and for text that is not an address. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return !INTERNAL.check(address, "ipv4");
  if (version !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1] as string);
  return !INTERNAL.check(address, "ipv6");
}

/** A URL host as an address when it is one ("[::1]" → "::1"), else null (a name, resolved at delivery). */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? null : bare;
}
