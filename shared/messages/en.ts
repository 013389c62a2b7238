/**
 * The engine's messages to people, in English: the reference table. Each key is a code the
 * engine emits with its parameters (shared/messages/index.ts); the French table (fr.ts) must
 * have exactly these keys, which the compiler checks. Templates use `{name}` placeholders and
 * `{n, plural, one {…} other {…}}` (shared/messages/format.ts).
 *
 * To add a message: add the key here, its French in fr.ts, then emit `msg('the.key', {…})`.
 */
import type { AimeErrorCode } from '../contract.js';
import { RUN_KINDS, runLabel, type RunKind } from '../tasks.js';

/** Task names (and the one-shot import's), from the task table (one place per fact) without their emoji. */
export function taskNames(language: 'fr' | 'en'): Record<`task.${RunKind}`, string> {
  return Object.fromEntries(RUN_KINDS.map((id) => [`task.${id}`, runLabel(id)[language].replace(/^\S+\s+/, '')])) as Record<
    `task.${RunKind}`,
    string
  >;
}

/** One generic message per contract error code, for an error that carries no text of its own. */
const errors = {
  'error.invalid_input': 'This was refused; nothing was changed.',
  'error.not_found': 'Not found.',
  'error.already_running': 'This task is already running — one run at a time.',
  'error.run_failed': 'The task failed.',
  'error.locked': 'Another AIME process is using the data folder.',
  'error.internal': 'Something unexpected went wrong; the log has the details.',
  'error.cancelled': 'Stopped at your request; nothing was changed.',
  'error.bad_request': 'The request could not be read.',
  'error.unauthorized': 'This change needs the owner’s API token.',
  'error.forbidden': 'This page is not allowed to make that request.',
  'error.payload_too_large': 'The request is too large.',
} satisfies Record<`error.${AimeErrorCode}`, string>;

export const en = {
  ...errors,

  ...taskNames('en'),

  // Errors with their own words.
  'error.task_running': '{task} is already running — one run at a time.',
  'error.occurrence_claimed': '{task}: this scheduled run has already been run once.',
  'error.no_access': 'This app is not allowed to read or write {path}.',
  'error.not_a_folder': '{path} is a file, not a folder.',
  'error.read_only': '{path} is on a read-only disk.',
  'error.disk_full': 'The disk is full: {path} could not be written.',
  'error.output_read_only': 'The output folder {path} is read-only.',
  'error.output_not_created': 'The output folder {path} could not be created.',
  'error.no_such_file': 'There is no file {file}.',
  'error.not_a_file': '{file} is not a file.',
  'error.system_file': '{file} is a system file: import a collection file of your own.',
  'error.file_empty': '{name} is empty.',
  'error.file_too_large': '{name} is larger than {kib} KiB: use its path on this computer instead.',
  'error.file_unreadable': '{file} could not be read as a collection file; nothing was imported.',
  'error.server_unreachable': 'The AIME server at {url} cannot be reached.',
  'error.import_cancelled': 'Import cancelled: the collection is unchanged.',
  'error.import_running': 'An import of {file} is already running: wait for it to end, or cancel it.',
  'error.sync_running': 'A sync of {file} is running: wait for it to end, or cancel it.',
  'error.sync_cancelled': 'Sync cancelled: the collection is unchanged.',
  'error.data_locked': 'Another AIME process is using the data folder {dir}: close it, or use its window or API.',
  'error.interrupted': 'The app stopped during the run.',
  'error.demo_missing': 'The demo collection is missing from this installation.',
  'error.source_linked': '{source} is already linked.',
  'error.token_other_origin':
    'The Discogs token of source {source} was entered for {bound}, and the Discogs API is now {origin} (AIME_DISCOGS_API_URL): it is not sent there. Enter the token again for this server (aime source add discogs:{username} --token -), or point AIME_DISCOGS_API_URL back to {bound}.',
  'error.output_not_absolute': 'The output folder must be a full path from the root of the disk (got {path}).',
  'error.no_generated_file': 'There is no generated file named {name} in the output folder.',
  'error.owner_required': 'This change needs the owner’s token: open the settings page through the link aime serve prints, or use the desktop app.',
  'error.source_unknown': 'There is no linked source number {id}.',
  'error.sources_failed': '{n, plural, one {A source could not be synced} other {# sources could not be synced}}: {failures}',
  'error.source_failed': '{source}: {reason}',
  'error.discogs_unreachable': 'Discogs cannot be reached.',
  'error.discogs_busy': 'Discogs keeps refusing: too many requests. Try again later.',
  'error.discogs_down': 'Discogs is not working right now (HTTP {status}). Try again later.',
  'error.discogs_token': 'Discogs refused the token: check the personal access token in Discogs → Settings → Developers.',
  'error.discogs_private': 'The collection of Discogs user {username} is private: link it with its owner’s token.',
  'error.discogs_no_user': 'Discogs has no user {username}.',
  'error.discogs_refused': 'Discogs refused the request (HTTP {status}).',
  'error.discogs_odd_page': 'Discogs sent something that is not a collection page.',
  'error.token_sealed': 'The Discogs token of this source can only be read by the desktop app: sync from the app, or link the account again.',

  // Why a run wrote nothing.
  'skip.empty_haiku': 'The collection is empty: there is no album to write a haiku about. Import one first.',
  'skip.empty_export': 'The collection is empty: there is nothing to export. Import one first.',
  'skip.no_source': 'No linked source: link one in the Collection tab (or with `aime source add`).',

  // How the command line frames a run's outcome.
  'outcome.failed': '{task} failed: {reason}',
  'outcome.skipped': '{task} skipped: {reason}',
  'outcome.warning': 'warning: {warning}',

  // Run warnings.
  'warning.files_kept': 'Old files were kept: {reason}',
  'warning.settings_recovered': 'some settings were repaired and are not saved yet',
  'warning.not_deleted': 'The old file {file} could not be deleted.',
  'warning.haiku_fallback':
    '{total, plural, one {EurIA did not write the haiku} other {EurIA did not write {n} of the {total} haikus}} ({reason}): written offline instead.',

  // Import notes, one per skipped or updated row.
  'note.unchanged': '{album}: already in the collection, unchanged.',
  'note.updated': '{album}: updated ({fields}).',
  'note.twice_in_file': '{album}: appears twice in this file, imported once.',
  'note.owned_twice': 'Line {line}, {album}: owned twice in Discogs (also line {first}), imported once.',
  'note.untitled_line': 'Line {line}: no title, skipped.',
  'note.untitled_album': 'Album number {id} of the database: no title, skipped.',
  'note.more': '{n, plural, one {… and # more note} other {… and # more notes}}.',
  'note.uncredited_artists': '{n, plural, one {# artist credited to no album was not imported} other {# artists credited to no album were not imported}}.',
  'field.title': 'title',
  'field.year': 'year',
  'field.support': 'format',
  'field.source': 'origin',
  'field.discogs_id': 'Discogs number',
  'field.discogs_url': 'Discogs link',
  'field.spotify_url': 'Spotify link',
  'field.genre': 'genre',
  'field.image_url': 'cover',
  'field.external_instance_id': 'Discogs copy',
  'field.artists': 'artists',
  'field.tracks': 'tracks',
  'album.unknown_artist': 'unknown artist',

  // Why a haiku was written offline instead of by EurIA (in the haiku file, in the haiku language).
  'haiku.fallback_note': 'offline haiku: {reason}',
  'fallback.not_configured': 'EurIA is not set up',
  'fallback.key_refused': 'EurIA refused the key',
  'fallback.not_found': 'EurIA’s address or model was not found',
  'fallback.busy': 'EurIA was too busy',
  'fallback.unavailable': 'EurIA was unavailable',
  'fallback.refused': 'EurIA refused the request',
  'fallback.timeout': 'EurIA did not answer within {seconds} s',
  'fallback.unreachable': 'EurIA could not be reached',
  'fallback.unreadable': 'EurIA’s answer could not be read',
  'fallback.unusable': 'EurIA’s answer was not a haiku',
  'fallback.too_slow': 'EurIA was too slow (the file was written after {seconds} s)',
  'fallback.interrupted': 'the writing was interrupted',
  'fallback.resting': 'EurIA failed several times in a row and is left to rest for a while',
  'fallback.bad_url': 'EurIA’s address is not valid',
  'fallback.unexpected': 'an unexpected error happened',
  // What is wrong with the settings file and what is used instead (status warnings, the banner).
  'settings.field_recovered': 'settings.json: {field} was not valid; using {used} {from} until the settings are saved.',
  'settings.from_last_good': 'from settings.last-good.json',
  'settings.from_default': '(the default)',
  'settings.used_no_key': 'no key',
  'settings.used_hidden_key': 'the saved key (hidden)',
  'settings.used_whole_group': 'its whole group',
  'settings.unusable': 'settings.json is unusable ({reason}); using {used} until the settings are saved.',
  'settings.reason_unreadable': 'it cannot be read',
  'settings.reason_not_object': 'it is not a JSON object',
  'settings.reason_empty': 'it is empty',
  'settings.reason_not_json': 'it is not valid JSON',
  'settings.used_all_last_good': 'every value from settings.last-good.json',
  'settings.used_all_defaults': 'the defaults (there is no last-good copy)',
  'settings.not_repairable': 'settings.json could not be repaired field by field; using the defaults until the settings are saved.',
  'settings.newer_version': 'settings.json comes from a newer AIME Scheduler; its fields are used where this version understands them.',
  'collection.missing': 'collection.db was not found; a new empty collection was created.',
} as const satisfies Record<string, string>;
