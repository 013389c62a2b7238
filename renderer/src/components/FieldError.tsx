/** An inline message tied to its field with aria-describedby; announced when it appears. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="error-text">
      {message}
    </p>
  );
}
