import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema, taskConfigSchema, taskPatchSchema } from './config.js';
import { AimeError, ERROR_CODES, toAimeErrorData, parseArgs, parseMaxFilesText } from './contract.js';

describe('max_files_per_type as typed by a person', () => {
  it.each([
    ['1', 1],
    ['10', 10],
    [' 50 ', 50],
  ])('accepts %j', (text, value) => expect(parseMaxFilesText(text)).toBe(value));

  it.each([
    ['0', /between 1 and 50/],
    ['51', /between 1 and 50/],
    ['-3', /between 1 and 50/],
    ['abc', /whole number between 1 and 50 \(got "abc"\)/],
    ['2.5', /whole number between 1 and 50 \(got "2.5"\)/],
    ['1e1', /got "1e1"/],
    ['', /got ""/],
  ])('refuses %j with a message', (text, message) => {
    expect(() => parseMaxFilesText(text)).toThrowError(message);
    try {
      parseMaxFilesText(text);
    } catch (error) {
      expect((error as AimeError).code).toBe('invalid_input');
    }
  });
});

describe('task schema', () => {
  const task = defaultSettings('/out').tasks[0]!;
  it('accepts the defaults', () => expect(taskConfigSchema.parse(task)).toEqual(task));
  it('needs a weekday for a weekly task and a day of month for a monthly one', () => {
    expect(taskConfigSchema.safeParse({ ...task, unit: 'week', day: null }).error?.issues[0]?.message).toMatch(/weekday/);
    expect(taskConfigSchema.safeParse({ ...task, unit: 'month', day: 'sunday' }).error?.issues[0]?.message).toMatch(
      /day of the month/,
    );
    expect(taskConfigSchema.safeParse({ ...task, unit: 'week', day: 'sunday' }).success).toBe(true);
    expect(taskConfigSchema.safeParse({ ...task, unit: 'month', day: 31 }).success).toBe(true);
  });
  it('refuses malformed times and frequencies', () => {
    for (const time of ['24:00', '6:00', '06:60', 'noon']) {
      expect(taskConfigSchema.safeParse({ ...task, time }).success).toBe(false);
    }
    for (const frequency of [0, 1.5, -1]) {
      expect(taskConfigSchema.safeParse({ ...task, frequency }).success).toBe(false);
    }
  });
  it('refuses unknown fields in a patch (a typo must not pass silently)', () => {
    expect(taskPatchSchema.safeParse({ tme: '07:00' }).success).toBe(false);
  });
  it('validates the whole default settings object', () => {
    expect(settingsSchema.safeParse(defaultSettings('/out')).success).toBe(true);
  });
});

describe('method arguments', () => {
  it('names the valid tasks when a task is unknown', () => {
    expect(() => parseArgs('runNow', ['nope'])).toThrowError(
      'unknown task "nope"; valid tasks: generate_haiku_scheduled, export_collection_markdown, export_collection_json',
    );
  });
  it('passes valid arguments through unchanged', () => {
    expect(parseArgs('updateTask', ['export_collection_json', { time: '07:15' }])).toEqual([
      'export_collection_json',
      { time: '07:15' },
    ]);
  });
  it('refuses an import without a path', () => {
    expect(() => parseArgs('importCollection', [{ path: '' }])).toThrowError(/path must name a file/);
  });
  it('says what is wrong with an import in the form the caller meant', () => {
    expect(() => parseArgs('importCollection', [{}])).toThrowError(
      'give the file to import as {"path": "/full/path"} or ask for {"demo": true}',
    );
    expect(() => parseArgs('importCollection', [{ demo: false }])).toThrowError('demo: demo must be true');
    expect(() => parseArgs('importCollection', [{ path: '/x.csv', format: 'xml' }])).toThrowError(/^format: /);
  });
});

describe('errors', () => {
  it('map codes to HTTP statuses and survive serialisation', () => {
    const error = new AimeError('already_running', 'busy', { task: 'x' });
    expect(ERROR_CODES[error.code].http).toBe(409);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'already_running', message: 'busy', details: { task: 'x' } });
    expect(toAimeErrorData(new Error('boom'))).toEqual({ code: 'internal', message: 'boom', text: { key: 'error.internal' } });
  });
});
