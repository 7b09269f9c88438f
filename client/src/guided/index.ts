/** Guided drafting meeting (issue 18): the agenda bar, the stage views, the session hook. */
import './guided.css';

export { GuidedBar } from './GuidedBar';
export { GuidedStart } from './GuidedStart';
export { GuidedView } from './GuidedView';
export { type GuidedApi, type GuidedDeps, useGuided } from './useGuided';
