/**
 * Saves the simulator in localStorage under the site's namespace, so a reload keeps the learner's pools, users,
 * deployed trigger code and scenario progress. Versioned (`v: 1`); a save this version cannot read (damaged,
 * or written by a newer release) is moved aside to {@link BACKUP_KEY}, never deleted, and reported, never thrown.
 */
import { STORAGE_NAMESPACE } from '../config/site';
import type { JsonObject, Results, StepResult, VariantScenario } from '../lib/simulator';
import type { PersistedSandbox } from './simulator-protocol';

/** Key of the saved sandbox. */
export const SANDBOX_KEY = `${STORAGE_NAMESPACE}:simulator:sandbox:v1`;
/** Where a saved sandbox this version could not read is kept (the newest such save). */
export const BACKUP_KEY = `${STORAGE_NAMESPACE}:simulator:sandbox:unreadable`;
/** Key of the scenario progress. */
export const SESSION_KEY = `${STORAGE_NAMESPACE}:simulator:session:v1`;

/** Where the learner is in a scenario. */
export interface SavedSession {
	v: 1;
	scenarioId: string | null;
	/** Whether the scenario's set-up ran in the current sandbox. */
	setUp: boolean;
	results: Results;
	steps: Record<string, StepResult>;
	/** The learner's variant in use (a saved, imported or shared one), if any. */
	variant?: { name: string; scenario: VariantScenario };
	/** Request bodies the learner edited, by step id (on top of the variant or the scenario). */
	requests?: Record<string, JsonObject>;
	/** Predicted outcomes, by step id. */
	predictions?: Record<string, string>;
}

function storage(): Storage | undefined {
	try {
		return globalThis.localStorage;
	} catch {
		return undefined;
	}
}

/** The saved sandbox, or a notice saying why it was discarded. */
export function loadSandbox(): { saved?: PersistedSandbox; notice?: string } {
	const text = storage()?.getItem(SANDBOX_KEY);
	if (!text) return {};
	try {
		const value = JSON.parse(text) as { v?: number } & Partial<PersistedSandbox>;
		if (
			value.v !== 1 ||
			typeof value.seed !== 'number' ||
			typeof value.draws !== 'number' ||
			typeof value.offsetMs !== 'number' ||
			!value.snapshot
		) {
			throw new Error('unexpected shape');
		}
		return {
			saved: {
				seed: value.seed,
				draws: value.draws,
				offsetMs: value.offsetMs,
				snapshot: value.snapshot,
			},
		};
	} catch {
		keepUnreadable(text);
		storage()?.removeItem(SESSION_KEY);
		return {
			notice:
				'The saved sandbox in this browser was unreadable, so a fresh one was started. The old save is kept in this browser as a backup.',
		};
	}
}

/** The raw saved sandbox (to keep it aside if the worker cannot restore it). */
export function rawSavedSandbox(): string | undefined {
	return storage()?.getItem(SANDBOX_KEY) ?? undefined;
}

/** Moves an unreadable save aside instead of losing it. */
export function keepUnreadable(text: string): void {
	try {
		storage()?.setItem(BACKUP_KEY, text);
		storage()?.removeItem(SANDBOX_KEY);
	} catch {
		// No room for the copy: leave the save where it is rather than delete it.
	}
}

/** Saves the sandbox; returns false when the browser refused (private mode, quota). */
export function saveSandbox(state: PersistedSandbox): boolean {
	try {
		storage()?.setItem(SANDBOX_KEY, JSON.stringify({ v: 1, ...state }));
		return true;
	} catch {
		return false;
	}
}

/** The saved scenario progress, if any and readable. */
export function loadSession(): SavedSession | undefined {
	try {
		const value = JSON.parse(storage()?.getItem(SESSION_KEY) ?? 'null') as SavedSession | null;
		return value &&
			value.v === 1 &&
			typeof value.results === 'object' &&
			typeof value.steps === 'object'
			? value
			: undefined;
	} catch {
		return undefined;
	}
}

/** Saves the scenario progress. */
export function saveSession(session: SavedSession): void {
	try {
		storage()?.setItem(SESSION_KEY, JSON.stringify(session));
	} catch {
		// Quota or private mode: progress lasts for this page only.
	}
}

/** Forgets everything the simulator saved. */
export function clearSimulatorStorage(): void {
	storage()?.removeItem(SANDBOX_KEY);
	storage()?.removeItem(SESSION_KEY);
}
