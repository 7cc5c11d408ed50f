/** Tells the learner plainly that the saved progress could not be read, and offers the raw backup. */
import { downloadText } from '../../client/download';
import type { Practice } from './use-practice';

/** Shown while the store holds a backup of unreadable data; nothing when there is none. */
export function BackupNotice({ practice }: { practice: Practice }) {
	const { backup } = practice.data;
	if (!backup) return null;
	return (
		<div class="notice danger" role="alert">
			<p>
				<strong>Your saved progress could not be read</strong>: {backup.reason}. Everything that
				could be read has been kept as a backup file. Practice continues with a fresh, empty store.
			</p>
			<div class="actions">
				<button
					type="button"
					class="button"
					onClick={() =>
						downloadText(
							`cognito-study-backup-${backup.at.slice(0, 10)}.json`,
							backup.text,
							'application/json'
						)
					}
				>
					Download the backup
				</button>
				<button
					type="button"
					class="button secondary"
					onClick={() => practice.store.dismissBackup()}
				>
					Dismiss
				</button>
			</div>
		</div>
	);
}
