/**
 * Tells the learner plainly when the saved progress could not all be read: a read-only store (saved by
 * a newer version of the site), rows set aside in the quarantine, or a backup of a database that could
 * not be opened. Every download is a progress file that "Import progress" accepts as it is.
 */
import { downloadText } from '../../client/download';
import { serializeProgressFile } from '../../lib/srs';
import { plural, type Practice } from './use-practice';

export function BackupNotice({ practice }: { practice: Practice }) {
	const { backup, quarantine, quarantineSeen, readOnly } = practice.data;
	return (
		<>
			{readOnly && (
				<div class="notice warning" role="alert">
					<p>
						<strong>Read-only</strong>: {readOnly}
					</p>
					<div class="actions">
						<button type="button" class="button" onClick={() => location.reload()}>
							Reload the page
						</button>
					</div>
				</div>
			)}
			{quarantine.length > 0 && !quarantineSeen && !readOnly && (
				<div class="notice warning" role="alert" data-testid="quarantine-notice">
					<p>
						<strong>
							{plural(quarantine.length, 'saved item')} could not be read and{' '}
							{quarantine.length === 1 ? 'was' : 'were'} set aside
						</strong>
						: {quarantine[0]!.problem}
						{quarantine.length > 1 ? ', and more' : ''}. Everything else is kept and practice goes
						on. Nothing was deleted: the set-aside items stay in this browser and in every export.
					</p>
					<div class="actions">
						<button
							type="button"
							class="button"
							onClick={async () => {
								const file = await practice.store.exportFile(new Date());
								downloadText(
									`cognito-study-progress-${file.exportedAt.slice(0, 10)}.json`,
									serializeProgressFile(file),
									'application/json'
								);
							}}
						>
							Download my progress
						</button>
						<button
							type="button"
							class="button secondary"
							onClick={() => practice.store.dismissQuarantine()}
						>
							Dismiss
						</button>
					</div>
				</div>
			)}
			{backup && (
				<div class="notice danger" role="alert">
					<p>
						<strong>Your saved progress could not be opened</strong>: {backup.reason}. Everything
						that could be read has been kept as a backup file that “Import progress” restores as it
						is. Practice continues with a fresh store.
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
			)}
		</>
	);
}
