// Shown while the project loads, or when it cannot be opened (with a way to open another).
import { useProjectCommands } from '../project/project-commands';

export function LoadingScreen({ title, message, failed = false }: { title: string; message: string; failed?: boolean }) {
  const commands = useProjectCommands();
  return (
    <div className="loading-screen" role={failed ? 'alert' : 'status'} aria-live="polite">
      {!failed && <div className="spinner" aria-hidden="true" />}
      <h1>{title}</h1>
      <p>{message}</p>
      {failed && commands && (
        <button type="button" className="dialog-button" onClick={() => commands.show('open')}>
          Open another project… (Ctrl+O)
        </button>
      )}
    </div>
  );
}
