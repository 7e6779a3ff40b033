// Beside a profile or gap table: the base the figures run on, where users'
// segments came from, and the users left out of every level (and why), in
// the same words as the CLI's note, so nothing is silently dropped.
import type { MethodOutput } from '../../../shared/contract';
import { leftOutSentence } from '../../../shared/analysis/user-notes';

type Notes = Pick<MethodOutput<'getProfile'>, 'base' | 'usersLeftOut'> & { segmentSource?: string };

export function UsersNote({ notes }: { notes: Notes }) {
  return (
    <div className="users-note" data-base={notes.base}>
      <p className="users-note__base">
        Base: {notes.base}
        {notes.segmentSource ? <>; {notes.segmentSource}.</> : '.'}
      </p>
      {notes.usersLeftOut && (
        <p className="users-note__left-out" role="note" data-left-out={String(notes.usersLeftOut.users)}>
          {leftOutSentence(notes.usersLeftOut)}.
        </p>
      )}
    </div>
  );
}
