/** Typed errors of the spaced-repetition engine; messages quote the bad value and what was expected. */

/** Base class of every error thrown by src/lib/srs. */
export class SrsError extends Error {
	override name = 'SrsError';
}

/** A value passed to the engine is out of range or malformed (a rating, a setting, a step). */
export class SrsValidationError extends SrsError {
	override name = 'SrsValidationError';
}

/**
 * A progress file (export, import or stored snapshot) cannot be read. `issues` lists each problem as
 * "path: message", so the learner can see what is wrong; nothing is changed when this is thrown.
 */
export class ProgressFormatError extends SrsError {
	override name = 'ProgressFormatError';
	/** One line per problem found, at most 20. */
	readonly issues: string[];
	constructor(message: string, issues: string[] = []) {
		super(issues.length ? `${message}: ${issues.slice(0, 5).join('; ')}` : message);
		this.issues = issues.slice(0, 20);
	}
}
