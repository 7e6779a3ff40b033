// The last suggestion the analyst ran in the what-if panel, so the Export
// dialog can offer its table as the same CSV `cgm suggest --out` writes.
import type { MethodInput } from '../../../shared/contract';

export type SuggestRequest = MethodInput<'suggestSites'>;

let last: SuggestRequest | null = null;

export function rememberSuggestion(request: SuggestRequest): void {
  last = request;
}

export function lastSuggestion(): SuggestRequest | null {
  return last;
}
