import { taskEmoji, taskName } from '../state/task-label.js';

/** "🎋 Haïkus" with the emoji hidden from assistive technology: the name is "Haïkus". */
export function TaskLabel({ label }: { label: string }) {
  const emoji = taskEmoji(label);
  return (
    <>
      {emoji ? <span aria-hidden="true">{emoji} </span> : null}
      {taskName(label)}
    </>
  );
}
