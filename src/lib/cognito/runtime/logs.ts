/**
 * Collects the guest's console output for one invocation, within limits, so a chatty or hostile
 * function cannot flood the trace or the host's memory.
 */

/** Caps on what one invocation may log. */
export interface LogLimits {
	/** Most console lines kept (default 200). */
	maxLines: number;
	/** Most characters kept across all lines (default 64 KiB); a line over the budget is cut. */
	maxChars: number;
}

export const DEFAULT_LOG_LIMITS: Readonly<LogLimits> = Object.freeze({
	maxLines: 200,
	maxChars: 64 * 1024,
});

/** Gathers log lines; `accepts()` lets the caller skip copying a message out of the guest at all. */
export class LogCollector {
	readonly lines: string[] = [];
	private chars = 0;
	private dropped = 0;

	constructor(private readonly limits: LogLimits = DEFAULT_LOG_LIMITS) {}

	/** False once either cap is reached: later messages are only counted. */
	accepts(): boolean {
		if (this.lines.length < this.limits.maxLines && this.chars < this.limits.maxChars) return true;
		this.dropped++;
		return false;
	}

	add(message: string): void {
		const room = this.limits.maxChars - this.chars;
		const line = message.length > room ? `${message.slice(0, room)}… [truncated]` : message;
		this.lines.push(line);
		this.chars += Math.min(message.length, room);
	}

	/** The kept lines, plus one note saying how many were dropped, if any. */
	finish(): string[] {
		if (this.dropped > 0) {
			const { maxLines, maxChars } = this.limits;
			this.lines.push(
				`[sandbox] ${this.dropped} more console line${this.dropped === 1 ? '' : 's'} dropped (limit: ${maxLines} lines, ${Math.round(maxChars / 1024)} KiB per invocation)`
			);
		}
		return this.lines;
	}
}
