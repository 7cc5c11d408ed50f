/**
 * A small, bundled IP → location table. The sandbox has no network and no GeoIP database, so it gives
 * fixed, made-up places to the address blocks reserved for documentation (RFC 5737, RFC 3849) and the
 * benchmarking block (RFC 2544), and names private and loopback networks as such. Learners pick an address
 * from a block to "travel": 192.0.2.10 is Seattle, 198.51.100.7 is Frankfurt, and so on. Any other public
 * address has an unknown location, which threat protection reports and does not score.
 *
 * Coordinates are the cities' own (rounded), so distances, and with them impossible travel, are real.
 */
import { type Address, inRange, parseRange, type Range } from './network';

export interface Place {
	/** As `EventContextData.Country` spells it: the English country name. */
	country: string;
	city: string;
	latitude: number;
	longitude: number;
}

export type Location =
	| { kind: 'place'; range: string; place: Place }
	| { kind: 'private'; range: string; label: string }
	| { kind: 'unknown' };

const PLACES: Array<[string, Place]> = [
	[
		'192.0.2.0/24',
		{ country: 'United States', city: 'Seattle', latitude: 47.61, longitude: -122.33 },
	],
	['198.51.100.0/24', { country: 'Germany', city: 'Frankfurt', latitude: 50.11, longitude: 8.68 }],
	['203.0.113.0/24', { country: 'Japan', city: 'Tokyo', latitude: 35.68, longitude: 139.69 }],
	['198.18.0.0/15', { country: 'Brazil', city: 'São Paulo', latitude: -23.55, longitude: -46.63 }],
	['2001:db8::/32', { country: 'Australia', city: 'Sydney', latitude: -33.87, longitude: 151.21 }],
];

const PRIVATE: Array<[string, string]> = [
	['10.0.0.0/8', 'Private network'],
	['172.16.0.0/12', 'Private network'],
	['192.168.0.0/16', 'Private network'],
	['100.64.0.0/10', 'Shared address space (carrier-grade NAT)'],
	['127.0.0.0/8', 'Loopback'],
	['fc00::/7', 'Private network (unique local)'],
	['::1/128', 'Loopback'],
];

const parsed = <T>(rows: Array<[string, T]>) =>
	rows.map(([text, value]) => [text, parseRange(text)!, value] as [string, Range, T]);
const PLACE_RANGES = parsed(PLACES);
const PRIVATE_RANGES = parsed(PRIVATE);

/** Where an address is, by the bundled table. */
export function locate(address: Address): Location {
	for (const [text, range, place] of PLACE_RANGES)
		if (inRange(address, range)) return { kind: 'place', range: text, place };
	for (const [text, range, label] of PRIVATE_RANGES)
		if (inRange(address, range)) return { kind: 'private', range: text, label };
	return { kind: 'unknown' };
}

/** The table as data, for documentation and the simulator's "travel" picker. */
export const LOCATION_TABLE: ReadonlyArray<{ range: string; country: string; city: string }> =
	PLACES.map(([range, place]) => ({ range, country: place.country, city: place.city }));

const EARTH_RADIUS_KM = 6371;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance between two places, in kilometres (haversine). */
export function distanceKm(a: Place, b: Place): number {
	const dLat = radians(b.latitude - a.latitude);
	const dLon = radians(b.longitude - a.longitude);
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
