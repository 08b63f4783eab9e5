import { timeSince } from '../../lib/format';

/**
 * A moment as "3 hours ago", in a `<time>` element carrying the exact ISO time (as its title
 * too); `fallback` when the time is missing or unreadable.
 */
export function TimeAgo(props: { iso?: string; fallback?: string }) {
  const { iso, fallback = '—' } = props;
  const text = timeSince(iso);
  if (!iso || !text) {
    return <>{fallback}</>;
  }
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
