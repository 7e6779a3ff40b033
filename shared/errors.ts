// An error in what the analyst gave (a file, a choice, a missing reason), not
// in the app. Both transports answer it as a 422 with its message word for
// word, so the renderer shows it where the analyst can act on it.
export class InputError extends Error {
  override name = 'InputError';
}
