/** Output folder services: naming, atomic streaming writes, retention, listing. */
export { writeOutputFile, removeLeftoverTemporaries, isTemporaryName, type WriteOutputOptions } from './atomic-write.js';
export { ChunkWriter } from './chunk-writer.js';
export { applyRetention, type RetentionResult } from './retention.js';
export { latestFiles, listGeneratedFiles } from './listing.js';
export { generatedFilePath, latestHaikuPreview, readGeneratedFile } from './read-back.js';
export { createOutputFolder, ensureOutputDir, ensureOutputFolder, type OutputFolder } from './output-folder.js';
export { outputName, parseOutputName, OUTPUT_FORMATS, type ParsedOutputName } from './naming.js';
