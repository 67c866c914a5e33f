export { DraftStore } from './DraftStore';
export { DraftWriter, type DraftWriterOptions } from './DraftWriter';
export { draftHandlers } from './handlers';
