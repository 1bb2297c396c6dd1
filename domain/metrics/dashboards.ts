import type { ChartType } from './charts';
import type { DatasetId } from './datasets';
import type { MeasureName } from './measures';
import type { DimensionName, Filter, MetricQueryInput } from './query';

/** A metric query without its range: a widget's range is the dashboard's. */
export type WidgetQuery = {
  [D in DatasetId]: { dataset: D; measures: MeasureName<D>[]; dimensions?: DimensionName<D>[]; filters?: Filter<D>[] };
}[DatasetId];

/** One line, bar set or number of a widget; several series share the widget's first dimension. */
export interface WidgetSeries {
  label: string;
  query: WidgetQuery;
}

export interface DashboardWidget {
  id: string;
  title: string;
  chart: ChartType;
  series: [WidgetSeries, ...WidgetSeries[]];
  /** `all`: every record created before the range ends (a backlog is what is open now, however old). */
  span?: 'range' | 'all';
  note?: string;
}

export interface Dashboard {
  id: string;
  title: string;
  widgets: DashboardWidget[];
}

/** The start of "all time" for a backlog: before any Keel org existed. */
export const ALL_TIME_FROM = '2000-01-01';

const OPEN_STATUSES: [string, ...string[]] = ['new', 'open', 'pending', 'on_hold'];
const open: Filter<'tickets'> = { op: 'in', field: 'status', values: OPEN_STATUSES };
const one = (label: string, query: WidgetQuery): [WidgetSeries] => [{ label, query }];

const support: Dashboard = {
  id: 'support',
  title: 'Support',
  widgets: [
    {
      id: 'created-vs-solved', title: 'Created vs solved per day', chart: 'line',
      series: [
        { label: 'Created', query: { dataset: 'tickets', measures: ['count'], dimensions: ['day'] } },
        // Solved: the moves to "solved" that day (a ticket solved twice counts twice).
        { label: 'Solved', query: { dataset: 'ticket_events', measures: ['count'], dimensions: ['day'], filters: [{ op: 'eq', field: 'to_status', value: 'solved' }] } },
      ],
    },
    { id: 'backlog-status', title: 'Backlog by status', chart: 'bar', span: 'all', series: one('Open tickets', { dataset: 'tickets', measures: ['count'], dimensions: ['status'], filters: [open] }) },
    { id: 'backlog-age', title: 'Backlog by age', chart: 'stacked', span: 'all', series: one('Open tickets', { dataset: 'tickets', measures: ['count'], dimensions: ['age', 'status'], filters: [open] }) },
    {
      id: 'response-times', title: 'First response and resolution (business hours)', chart: 'line',
      series: [
        { label: 'First response (median)', query: { dataset: 'tickets', measures: ['median:first_response_seconds'], dimensions: ['day'] } },
        { label: 'Resolution (median)', query: { dataset: 'tickets', measures: ['median:resolution_seconds'], dimensions: ['day'] } },
      ],
      note: 'Business time the SLA clocks recorded, by the day the ticket was opened.',
    },
    { id: 'sla-compliance', title: 'SLA compliance per day', chart: 'line', series: one('Within target', { dataset: 'sla_clocks', measures: ['rate:within_target'], dimensions: ['day'] }) },
    { id: 'sla-by-target', title: 'SLA compliance by target', chart: 'bar', series: one('Within target', { dataset: 'sla_clocks', measures: ['rate:within_target'], dimensions: ['target'] }) },
    { id: 'reopen-rate', title: 'Reopen rate', chart: 'number', series: one('Reopened', { dataset: 'tickets', measures: ['rate:reopened'] }) },
    { id: 'csat', title: 'CSAT (service ratings)', chart: 'number', series: one('Rated 4 or 5', { dataset: 'ratings', measures: ['rate:satisfied'] }) },
    { id: 'per-agent', title: 'Per agent', chart: 'table', series: one('Tickets', { dataset: 'tickets', measures: ['count', 'rate:solved', 'median:first_response_seconds', 'rate:sla_breached'], dimensions: ['assignee'] }) },
    { id: 'per-team', title: 'Per team', chart: 'table', series: one('Tickets', { dataset: 'tickets', measures: ['count', 'rate:solved', 'median:first_response_seconds', 'rate:reopened'], dimensions: ['team'] }) },
  ],
};

const fieldService: Dashboard = {
  id: 'field-service',
  title: 'Field service',
  widgets: [
    { id: 'work-orders-status', title: 'Work orders by status', chart: 'bar', series: one('Work orders', { dataset: 'work_orders', measures: ['count'], dimensions: ['status'] }) },
    { id: 'first-time-fix', title: 'First-time fix rate', chart: 'number', series: one('Fixed first time', { dataset: 'work_orders', measures: ['rate:first_time_fix'] }) },
    { id: 'on-time-arrival', title: 'On-time arrival', chart: 'number', series: one('On time', { dataset: 'work_orders', measures: ['rate:on_time_arrival'] }) },
    {
      id: 'technicians', title: 'Per technician', chart: 'table',
      series: one('Work orders', { dataset: 'work_orders', measures: ['count', 'sum:on_site_seconds', 'rate:on_time_arrival', 'rate:first_time_fix'], dimensions: ['technician'] }),
      note: 'Utilisation is time on site: Keel records no technician shifts to divide it by yet.',
    },
    { id: 'on-site-per-technician', title: 'Time on site per technician', chart: 'bar', series: one('On site', { dataset: 'work_orders', measures: ['sum:on_site_seconds'], dimensions: ['technician'] }) },
    { id: 'ratings-per-technician', title: 'Service ratings per technician', chart: 'bar', series: one('Average rating', { dataset: 'ratings', measures: ['avg:rating'], dimensions: ['technician'] }) },
  ],
};

const automation: Dashboard = {
  id: 'automation',
  title: 'Automation',
  widgets: [
    { id: 'firings-per-day', title: 'Rule firings per day', chart: 'bar', series: one('Firings', { dataset: 'rule_firings', measures: ['count'], dimensions: ['day'] }) },
    { id: 'most-fired', title: 'Most-fired rules', chart: 'bar', series: one('Firings', { dataset: 'rule_firings', measures: ['count'], dimensions: ['rule'] }) },
    { id: 'firings-by-event', title: 'Firings by trigger', chart: 'pie', series: one('Firings', { dataset: 'rule_firings', measures: ['count'], dimensions: ['event_type'] }) },
  ],
};

/** The prebuilt dashboards, in the console's order. */
export const DASHBOARDS: Dashboard[] = [support, fieldService, automation];

export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
}

/** A series' full query over the dashboard's range (or all time up to its end). */
export function seriesQuery(widget: DashboardWidget, series: WidgetSeries, range: ReportRange): MetricQueryInput {
  const from = widget.span === 'all' ? ALL_TIME_FROM : range.from;
  return { ...series.query, from, to: range.to, timeZone: range.timeZone } as MetricQueryInput;
}
