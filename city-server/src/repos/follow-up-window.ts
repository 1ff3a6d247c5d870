/**
 * SQL shared by the city's follow-up counts (the summary's and the 考评's): follow-ups opened on a
 * hall day in [$2, $3] at the halls $1, each with the end of its due day in the hall's zone. Each
 * hall's bounds are worked out once (materialised: inlined, PostgreSQL converted time zones for every
 * follow-up) and the end of every due day from $2 to 60 days past $3 once per zone; a due day past
 * that table is converted on its own row.
 */

/** The CTEs `b` (each hall's zone and bounds in ms; with `todayParam`, its hall day at that instant) and `ends`. */
export const followUpWindow = (todayParam?: string) => `WITH b AS MATERIALIZED (
    SELECT id, time_zone,
      (extract(epoch FROM ($2::date::timestamp AT TIME ZONE time_zone)) * 1000)::bigint AS from_ms,
      (extract(epoch FROM (($3::date + 1)::timestamp AT TIME ZONE time_zone)) * 1000)::bigint AS to_ms${todayParam ? `,
      (to_timestamp(${todayParam} / 1000.0) AT TIME ZONE time_zone)::date AS today` : ''}
    FROM halls WHERE id = ANY($1::int[])
  ), ends AS MATERIALIZED (
    SELECT z.time_zone, d::date AS day, (extract(epoch FROM ((d::date + 1)::timestamp AT TIME ZONE z.time_zone)) * 1000)::bigint AS end_ms
    FROM (SELECT DISTINCT time_zone FROM b) z, generate_series($2::date::timestamp, ($3::date + 60)::timestamp, interval '1 day') AS d
  )`;

/** The follow-ups `f` of the window, with their hall's bounds `b` and their due day's end `e`. */
export const FOLLOW_UPS_IN_WINDOW = `FROM b JOIN follow_ups f ON f.hall_id = b.id AND f.opened_at >= b.from_ms AND f.opened_at < b.to_ms
  LEFT JOIN ends e ON e.time_zone = b.time_zone AND e.day = f.due_day`;

/** The end in ms of a follow-up's due day in its hall's zone (closed before it: on time). */
export const DUE_DAY_END = 'COALESCE(e.end_ms, (extract(epoch FROM ((f.due_day + 1)::timestamp AT TIME ZONE b.time_zone)) * 1000)::bigint)';
