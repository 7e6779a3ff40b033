// What the New/Save As/Rename form and the Open list share: a switch to another
// project that disables their buttons while it runs and shows why it failed.
import { useState } from 'react';
import { useProjectCommands, type ProjectSwitch } from './project-commands';

export function useProjectSwitch() {
  const commands = useProjectCommands();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<ProjectSwitch>) => {
    if (!commands) return;
    setBusy(true);
    setError(null);
    try {
      await commands.switchTo(call);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}
