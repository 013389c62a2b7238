import { describe, expect, it } from 'vitest';
import { supportFromDiscogsFormat } from './support.js';

describe('supportFromDiscogsFormat', () => {
  const table: Array<[string, string | null]> = [
    ['LP, Album, RE, RM', 'Vinyle'],
    ['2xLP, Album, RE', 'Vinyle'],
    ['3xLP, Album', 'Vinyle'],
    ['12"', 'Vinyle'],
    ['12", Mar', 'Vinyle'],
    ['2x12"', 'Vinyle'],
    ['7", RE', 'Vinyle'],
    ['10"', 'Vinyle'],
    ['Vinyl, LP, Album', 'Vinyle'],
    ['CD, Album', 'CD'],
    ['2xCD, Comp', 'CD'],
    ['CDr, Album', 'CD'],
    ['Cass, Album', 'Cassette'],
    ['Box, Comp + 8xCass', 'Cassette'],
    ['File, MP3', 'Digital'],
    ['File, FLAC, Album', 'Digital'],
    ['2xLP, Album, RP + CD, Album, RP + RE, Gat', 'Vinyle'],
    ['CD, Album + DVD, PAL', 'CD'],
    ['Box, Ltd + 4xCD', 'CD'],
    ['DVD, PAL', 'DVD'],
    ['Blu-ray, Album', 'Blu-ray'],
    ['MiniDisc, Album', 'MiniDisc'],
    ['Shellac, 10"', 'Shellac'],
    ['Reel-To-Reel, 7 ½ ips', 'Bande'],
    ['Memory Stick, Album', 'Memory Stick'],
    ['Box, Comp', null],
    ['', null],
  ];
  it.each(table)('%j → %j', (format, support) => {
    expect(supportFromDiscogsFormat(format)).toBe(support);
  });
});
