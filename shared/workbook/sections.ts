// The seed toolkit's sections as a guided workbook: one entry per box the
// toolkit asks the analyst to complete, with its guidance in the toolkit's own
// words. Pure data, read by the contract (to validate what is stored), the
// main process and the renderer's forms.

export const WORKBOOK_SECTION_IDS = [
  'reason', 'key-segments', 'service-profile', 'gap-analysis', 'service-assessment',
  'research', 'stratification', 'actions', 'review', 'improvement',
] as const;
export type WorkbookSectionId = (typeof WORKBOOK_SECTION_IDS)[number];

/** What a section can show beside its text: a live saved map view or one of the analysis tables. */
export const EMBED_TABLES = ['profile', 'gaps', 'bands', 'strata'] as const;
export type EmbedTable = (typeof EMBED_TABLES)[number];

export interface WorkbookField {
  key: string;
  label: string;
  guidance?: string;
  /** One line (a date, a name) rather than a paragraph. */
  short?: boolean;
}

export interface WorkbookSectionDef {
  id: WorkbookSectionId;
  number: number;
  title: string;
  guidance: string;
  fields: WorkbookField[];
  /** The actions section is a table of rows rather than text boxes. */
  actions?: boolean;
  /** The table a section most naturally embeds, offered first. */
  suggestedEmbed?: EmbedTable;
}

export const WORKBOOK_SECTIONS: readonly WorkbookSectionDef[] = [
  {
    id: 'reason', number: 1, title: 'Reason for profiling',
    guidance: 'Summarise why the service user profile is being undertaken.',
    fields: [
      { key: 'reasons', label: 'The reasons for undertaking the profiling exercise' },
      { key: 'who', label: 'Who will be involved in the analysis?' },
      { key: 'timescale', label: 'The timescale available to complete the profiling exercise', short: true },
      { key: 'opportunities', label: 'The opportunities to change investment and delivery' },
    ],
  },
  {
    id: 'key-segments', number: 2, title: 'Key segments',
    guidance: 'Using the risk factors table, identify the segments likely to be in need of the service, and map where these people live by population density.',
    fields: [{ key: 'segments', label: 'Who are the relevant segments?', guidance: 'For a stop smoking service: those with a high risk of heavy smoking.' }],
    suggestedEmbed: 'bands',
  },
  {
    id: 'service-profile', number: 3, title: 'Service profile',
    guidance: 'Profile the service user data to see who the service users are, and assess any gaps.',
    fields: [{ key: 'findings', label: 'Is the profile in line with the risk factors? Are any segments over- or under-represented?' }],
    suggestedEmbed: 'profile',
  },
  {
    id: 'gap-analysis', number: 4, title: 'Gap analysis',
    guidance: 'Map need against access from the service data, and look at travel time to the service by segment.',
    fields: [
      { key: 'lowAccess', label: 'Where is service access low?' },
      { key: 'keyFacts', label: 'What key facts about the target segments could help to understand their behaviour?' },
    ],
    suggestedEmbed: 'gaps',
  },
  {
    id: 'service-assessment', number: 5, title: 'Service assessment',
    guidance: 'Consider whether services are in the most relevant places, open when those in greatest need can attend, and known about.',
    fields: [
      { key: 'accessibility', label: 'Accessibility: are services located in the right place?', guidance: 'Walk times, journey times, public transport, access to a car.' },
      { key: 'availability', label: 'Availability: are services open at appropriate times for the target groups?', guidance: 'Are the target population likely to be employed, and so constrained in when they can attend?' },
      { key: 'awareness', label: 'Awareness: are the target population aware that the service is available?', guidance: 'Which kinds of communication do they respond to?' },
    ],
    suggestedEmbed: 'bands',
  },
  {
    id: 'research', number: 6, title: 'Other research and intelligence',
    guidance: 'Check what the profiling shows against other research and what service staff already know about who uses the service.',
    fields: [{ key: 'results', label: 'What do national research and service staff tell you about service users?' }],
  },
  {
    id: 'stratification', number: 7, title: 'Stratification summary',
    guidance: 'Summarise the profiling and research, check it against the original reason, and stratify the target population: risks, low uptake, reasons for poor access and methods of communication.',
    fields: [{ key: 'summary', label: 'Summarise your findings and the population stratification' }],
    suggestedEmbed: 'strata',
  },
  {
    id: 'actions', number: 8, title: 'Actions',
    guidance: 'Identify the actions you will take as a result.',
    fields: [], actions: true,
  },
  {
    id: 'review', number: 9, title: 'Review targets and date',
    guidance: 'Set targets for improved service access by the segments identified, and a date to repeat the profiling exercise.',
    fields: [
      { key: 'targets', label: 'Targets for improved service access' },
      { key: 'reviewDate', label: 'Review date', short: true },
    ],
  },
  {
    id: 'improvement', number: 10, title: 'Continuous improvement',
    guidance: 'Feedback on the process, so the next profiling exercise goes better.',
    fields: [
      { key: 'changes', label: 'What changes need to be made to this segmentation profiling process?' },
      { key: 'pace', label: 'Did the process flow as quickly as it should have? If not, what slowed it down?' },
      { key: 'barriers', label: 'What barriers were there?' },
      { key: 'enablers', label: 'What enabled the process to flow well?' },
      { key: 'limitations', label: 'What are the limitations of this stage of the process and how could they be overcome in future?' },
      { key: 'missing', label: 'What information was not available that would have been useful?' },
    ],
  },
];

export function sectionDef(id: string): WorkbookSectionDef | undefined {
  return WORKBOOK_SECTIONS.find((s) => s.id === id);
}
