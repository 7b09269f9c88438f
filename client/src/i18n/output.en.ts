import { labelsEn } from '@shared/flowchart/labels';

/**
 * English strings of the 'output' namespace (flowchart, print view, exports).
 * `doc` holds the words printed on the document itself (shared/flowchart/labels.ts).
 */
export default {
  flowchart: {
    title: 'Flowchart',
    empty: 'No steps yet.',
    symbol: 'Step {{n}}: {{text}}',
  },
  print: {
    loading: 'Loading SOP…',
    notFound: 'SOP not found.',
    error: 'Could not load the SOP.',
    print: 'Print',
    back: 'Back to the editor',
    parts: 'Parts to print',
    identity: 'Identity',
    procedure: 'Procedure (flowchart)',
    forms: 'Monitoring & evaluation forms',
    downloadPdf: 'Download PDF',
    downloadDocx: 'Download Word',
    warningsTitle_one: '{{count}} validation note — the document can still be printed',
    warningsTitle_other: '{{count}} validation notes — the document can still be printed',
    noWarnings: 'No validation problems.',
    procedurePage: 'Procedure page {{n}}',
    checkbox: 'checkbox',
  },
  doc: labelsEn,
};
