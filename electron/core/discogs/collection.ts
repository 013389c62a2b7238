/**
 * A Discogs collection release (`basic_information`) → an incoming album, mapped the way the
 * CSV importer maps the same release: support from the formats (one shared rule,
 * collection/support.ts), year 0 → unknown, the release → discogs_id and discogs_url.
 * Unlike the CSV, the API lists credits one by one, so each artist is a credit, with Discogs'
 * homonym suffix (`Sonic Boom (2)`) removed as the issue asks.
 */
import { isoLocal } from '../time-format.js';
import type { IncomingAlbum } from '../collection/incoming.js';
import { textOrNull, yearOrNull } from '../collection/incoming.js';
import { supportFromDiscogsFormat } from '../collection/support.js';
import { withoutDisambiguation } from '../tasks/artist-names.js';
import { collectionReleases, type DiscogsClientOptions, type DiscogsRelease } from './client.js';

/** The release's formats written as Discogs' CSV export writes them: `2xVinyl, LP, Album + CD`. */
export function formatText(formats: DiscogsRelease['basic_information']['formats']): string {
  return (formats ?? [])
    .map((format) => {
      const qty = Number(format.qty);
      const medium = Number.isFinite(qty) && qty > 1 ? `${qty}x${format.name}` : format.name;
      return [medium, ...(format.descriptions ?? [])].join(', ');
    })
    .join(' + ');
}

export function releaseToAlbum(release: DiscogsRelease, now: string): IncomingAlbum {
  const info = release.basic_information;
  const id = String(info.id ?? release.id);
  const artists: string[] = [];
  for (const artist of info.artists ?? []) {
    const name = withoutDisambiguation(artist.name.trim());
    if (name !== '' && !artists.includes(name)) artists.push(name);
  }
  const added = release.date_added ? new Date(release.date_added) : null;
  return {
    label: `release ${id}`,
    title: info.title?.trim() || `(release ${id})`,
    year: yearOrNull(info.year),
    support: supportFromDiscogsFormat(formatText(info.formats)),
    source: 'discogs',
    artists,
    discogs_id: id,
    discogs_url: `https://www.discogs.com/release/${id}`,
    genre: info.genres && info.genres.length > 0 ? info.genres.join(', ') : null,
    image_url: textOrNull(info.cover_image),
    created_at: added && !Number.isNaN(added.getTime()) ? isoLocal(added) : now,
    // A release owned twice is one album (as in the CSV import): the first copy names it.
    external_id: id,
    external_instance_id: release.instance_id !== undefined ? String(release.instance_id) : null,
  };
}

/** The user's whole Discogs collection as incoming albums, page by page. */
export async function* discogsAlbums(
  username: string,
  options: DiscogsClientOptions & { now: string },
): AsyncGenerator<IncomingAlbum> {
  for await (const release of collectionReleases(username, options)) yield releaseToAlbum(release, options.now);
}
