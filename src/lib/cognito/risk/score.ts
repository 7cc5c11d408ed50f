/**
 * The risk score of a sign-in: deterministic and explainable. Each factor adds points and says why; the
 * total maps to a level. Nothing here is random or learned, so a learner can predict every decision:
 *
 * | factor            | points | when                                                                          |
 * | ----------------- | ------ | ----------------------------------------------------------------------------- |
 * | NewDevice         | 25     | `EncodedData` names a device never used in a trusted sign-in                  |
 * | NewLocation       | 35     | the IP address is in a country no trusted sign-in came from                   |
 * | ImpossibleTravel  | 50     | reaching here from the last trusted sign-in's place needs > 1,000 km/h        |
 * | RepeatedFailures  | 20, 40 | 3–4, or 5 and more, wrong passwords in the last 15 minutes                    |
 * | ReportedInvalid   | 45     | the device or IP address was in a sign-in whose feedback said "Invalid"       |
 *
 * Levels: under 20 no risk, 20–44 Low, 45–69 Medium, 70 and more High. So a new device alone is Low, a new
 * device in a new country Medium, and a new country reached too fast High.
 *
 * "Trusted" sign-ins are the user's successful ones (`Pass`) not reported Invalid, plus any event reported
 * Valid: feedback teaches the engine, as Cognito says feedback does. The first sign-in has nothing to compare
 * with and becomes the baseline. A factor that cannot be judged (no device data, an address outside the
 * bundled table) scores 0 and says so.
 */
import type { AuthEventRecord } from '../user-pools/state';
import type { ClientContext } from './context-data';
import { distanceKm, type Place } from './geo';

export type RiskLevel = 'NoRisk' | 'Low' | 'Medium' | 'High';

export interface RiskFactor {
	factor: string;
	points: number;
	reason: string;
}

export interface RiskScore {
	score: number;
	level: RiskLevel;
	factors: RiskFactor[];
}

export const POINTS = {
	NewDevice: 25,
	NewLocation: 35,
	ImpossibleTravel: 50,
	RepeatedFailures: 20,
	ManyFailures: 40,
	ReportedInvalid: 45,
} as const;

/** Faster than an airliner: nobody travels this fast between two sign-ins. */
export const MAX_TRAVEL_KMH = 1000;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** The level a score maps to. */
export function levelOf(score: number): RiskLevel {
	if (score >= 70) return 'High';
	if (score >= 45) return 'Medium';
	if (score >= 20) return 'Low';
	return 'NoRisk';
}

const trusted = (event: AuthEventRecord) =>
	event.context !== undefined &&
	event.feedback?.value !== 'Invalid' &&
	(event.feedback?.value === 'Valid' || (event.type === 'SignIn' && event.response === 'Pass'));

const placeOf = (event: AuthEventRecord): Place | undefined => event.context?.place;

const hours = (ms: number) => ms / 3_600_000;
const km = (value: number) => `${Math.round(value).toLocaleString('en-US')} km`;
const ago = (ms: number) =>
	ms < 3_600_000
		? `${Math.max(0, Math.round(ms / 60_000))} min`
		: `${(ms / 3_600_000).toFixed(1)} h`;

/** Scores a sign-in from its client context and the user's event history (oldest first). */
export function scoreSignIn(
	now: number,
	context: ClientContext,
	history: readonly AuthEventRecord[]
): RiskScore {
	const factors: RiskFactor[] = [];
	const add = (factor: string, points: number, reason: string) =>
		factors.push({ factor, points, reason });
	const baseline = history.filter(trusted);
	const deviceId = context.device?.id;
	const place = context.location.kind === 'place' ? context.location.place : undefined;

	if (baseline.length === 0) {
		add(
			'FirstSignIn',
			0,
			'No earlier trusted sign-in to compare with: this device and place become the baseline.'
		);
	} else {
		if (!deviceId)
			add('UnknownDevice', 0, 'No device data in EncodedData: the device is not judged.');
		else if (baseline.some((event) => event.context?.deviceId === deviceId))
			add('KnownDevice', 0, `Device "${deviceId}" was used in an earlier trusted sign-in.`);
		else
			add(
				'NewDevice',
				POINTS.NewDevice,
				`Device "${deviceId}" was never used in a trusted sign-in.`
			);

		if (context.location.kind === 'unknown')
			add(
				'UnknownLocation',
				0,
				`${context.ipAddress} is outside the sandbox's location table: the place is not judged.`
			);
		else if (context.location.kind === 'private')
			add(
				'PrivateNetwork',
				0,
				`${context.ipAddress} is in a ${context.location.label.toLowerCase()} range: the place is not judged.`
			);
		else {
			const countries = [...new Set(baseline.map((e) => placeOf(e)?.country).filter(Boolean))];
			if (countries.includes(place!.country))
				add('KnownLocation', 0, `Trusted sign-ins came from ${place!.country} before.`);
			else
				add(
					'NewLocation',
					POINTS.NewLocation,
					`First sign-in from ${place!.country} (${place!.city})${countries.length ? `; trusted sign-ins came from ${countries.join(', ')}` : ''}.`
				);
			const last = [...baseline].reverse().find((event) => placeOf(event));
			const from = last && placeOf(last);
			if (from && last && (from.city !== place!.city || from.country !== place!.country)) {
				const distance = distanceKm(from, place!);
				const elapsed = Math.max(0, now - last.at);
				const speed = elapsed === 0 ? Infinity : distance / hours(elapsed);
				if (speed > MAX_TRAVEL_KMH)
					add(
						'ImpossibleTravel',
						POINTS.ImpossibleTravel,
						`${place!.city} is ${km(distance)} from ${from.city}, where the last trusted sign-in was ${ago(elapsed)} ago: ${Number.isFinite(speed) ? `${km(speed)}/h` : 'no time at all'}, faster than ${MAX_TRAVEL_KMH.toLocaleString('en-US')} km/h.`
					);
			}
		}
	}

	const failures = history.filter(
		(event) =>
			event.type === 'SignIn' &&
			event.response === 'Fail' &&
			now - event.at <= FAILURE_WINDOW_MS &&
			event.challenges.some(
				(c) => c.ChallengeName === 'Password' && c.ChallengeResponse === 'Failure'
			)
	).length;
	if (failures >= 5)
		add(
			'RepeatedFailures',
			POINTS.ManyFailures,
			`${failures} wrong passwords in the last 15 minutes.`
		);
	else if (failures >= 3)
		add(
			'RepeatedFailures',
			POINTS.RepeatedFailures,
			`${failures} wrong passwords in the last 15 minutes.`
		);

	const reported = history.find(
		(event) =>
			event.feedback?.value === 'Invalid' &&
			((deviceId !== undefined && event.context?.deviceId === deviceId) ||
				event.context?.ipAddress === context.ipAddress)
	);
	if (reported)
		add(
			'ReportedInvalid',
			POINTS.ReportedInvalid,
			`${reported.context?.deviceId === deviceId && deviceId !== undefined ? `Device "${deviceId}"` : `IP address ${context.ipAddress}`} was in sign-in ${reported.id}, reported as not genuine (feedback Invalid).`
		);

	const score = factors.reduce((sum, f) => sum + f.points, 0);
	return { score, level: levelOf(score), factors };
}
