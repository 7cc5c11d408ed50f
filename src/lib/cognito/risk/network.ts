/**
 * IP addresses and CIDR ranges for threat protection, parsed with ipaddr.js (a well-kept library) rather than
 * by hand. Only the canonical forms are accepted (four-part decimal IPv4, standard IPv6): `0x7f.1` or `2130706433`
 * are not addresses here, so a learner's typo is caught instead of silently matching something else.
 */
import ipaddr from 'ipaddr.js';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The address in `text`, or undefined when it is not a valid IPv4 or IPv6 address. IPv4-mapped IPv6 is unwrapped. */
export function parseAddress(text: string): Address | undefined {
	if (typeof text !== 'string' || text.length > 64) return undefined;
	if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
	if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return undefined;
	const v6 = ipaddr.IPv6.parse(text);
	if (v6.zoneId !== undefined) return undefined;
	return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** A parsed CIDR range. */
export type Range = [Address, number];

/** The range in `text` (`192.0.2.0/24`, `2001:db8::/32`; a bare address is a /32 or /128), or undefined. */
export function parseRange(text: string): Range | undefined {
	if (typeof text !== 'string' || text.length > 64) return undefined;
	const slash = text.indexOf('/');
	const address = parseAddress(slash < 0 ? text : text.slice(0, slash));
	if (!address) return undefined;
	const max = address.kind() === 'ipv4' ? 32 : 128;
	if (slash < 0) return [address, max];
	const bitsText = text.slice(slash + 1);
	if (!/^\d{1,3}$/.test(bitsText)) return undefined;
	const bits = Number(bitsText);
	return bits <= max ? [address, bits] : undefined;
}

/** Whether `address` lies in `range` (an IPv4 address never matches an IPv6 range, and the reverse). */
export const inRange = (address: Address, [network, bits]: Range) =>
	address.kind() === network.kind() && address.match(network, bits);

/** The first range of `ranges` (CIDR strings) that contains `address`, if any; invalid entries never match. */
export function matchingRange(
	address: Address,
	ranges: readonly string[] | undefined
): string | undefined {
	return (ranges ?? []).find((text) => {
		const range = parseRange(text);
		return range !== undefined && inRange(address, range);
	});
}
