// Shown while the project loads, or when it cannot be opened.
export function LoadingScreen({ title, message, failed = false }: { title: string; message: string; failed?: boolean }) {
  return (
    <div className="loading-screen" role={failed ? 'alert' : 'status'} aria-live="polite">
      {!failed && <div className="spinner" aria-hidden="true" />}
      <h1>{title}</h1>
      <p>{message}</p>
    </div>
  );
}
