import type { Pinia } from 'pinia';
import { createRouter, createWebHistory } from 'vue-router';
import { useSessionStore } from './stores/session';
import { fieldRoutes } from './pages/field/routes';

/** A `?locale=` query value, when there is one. */
const localeOf = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

export function createKeelRouter(pinia: Pinia) {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', redirect: '/tickets' },
      { path: '/login', component: () => import('./pages/LoginPage.vue'), meta: { public: true } },
      { path: '/signup', component: () => import('./pages/SignupPage.vue'), meta: { public: true } },
      // Opened from a mailed link, signed in or not.
      { path: '/invitations/:token', component: () => import('./pages/InvitationPage.vue'), props: true, meta: { public: true, signedInToo: true } },
      { path: '/signup/confirm', component: () => import('./pages/SignupConfirmPage.vue'), meta: { public: true } },
      { path: '/forgot-password', component: () => import('./pages/ForgotPasswordPage.vue'), meta: { public: true } },
      // Opened from a mailed link; following it signs this browser out too.
      { path: '/reset-password', component: () => import('./pages/ResetPasswordPage.vue'), meta: { public: true, signedInToo: true } },
      { path: '/tickets', component: () => import('./pages/TicketQueuePage.vue') },
      { path: '/tickets/:number(\\d+)', component: () => import('./pages/TicketDetailPage.vue'), props: (route) => ({ number: Number(route.params.number) }) },
      { path: '/customers', component: () => import('./pages/CustomersPage.vue') },
      { path: '/sla/breaching', component: () => import('./pages/BreachingSoonPage.vue') },
      { path: '/reports/sla', component: () => import('./pages/reports/SlaReportPage.vue') },
      { path: '/reports/ai', component: () => import('./pages/reports/AiAccuracyPage.vue') },
      { path: '/kb', component: () => import('./pages/kb/KbArticlesPage.vue') },
      { path: '/kb/report', component: () => import('./pages/kb/KbReportPage.vue') },
      { path: '/kb/articles/new', component: () => import('./pages/kb/KbArticleEditorPage.vue'), props: (route) => ({ locale: localeOf(route.query.locale) }) },
      { path: '/kb/articles/:id', component: () => import('./pages/kb/KbArticleEditorPage.vue'), props: (route) => ({ id: String(route.params.id), locale: localeOf(route.query.locale) }) },
      { path: '/kb/articles/:id/history', component: () => import('./pages/kb/KbHistoryPage.vue'), props: (route) => ({ id: String(route.params.id), locale: localeOf(route.query.locale) }) },
      { path: '/reports/builder', component: () => import('./pages/reports/ReportBuilderPage.vue') },
      { path: '/reports/custom', component: () => import('./pages/reports/CustomDashboardPage.vue') },
      { path: '/reports/schedules', component: () => import('./pages/reports/ReportSchedulesPage.vue') },
      { path: '/reports/dashboards/:id?', component: () => import('./pages/reports/DashboardPage.vue'), props: true },
      { path: '/settings/calendars', component: () => import('./pages/settings/CalendarsPage.vue') },
      { path: '/settings/sla-policies', component: () => import('./pages/settings/SlaPoliciesPage.vue') },
      { path: '/settings/rules', component: () => import('./pages/settings/RulesPage.vue') },
      { path: '/settings/rules/new', component: () => import('./pages/settings/RuleDesignerPage.vue') },
      { path: '/settings/rules/:id', component: () => import('./pages/settings/RuleDesignerPage.vue'), props: true },
      { path: '/settings/mailboxes', component: () => import('./pages/settings/MailboxesPage.vue') },
      { path: '/settings/members', component: () => import('./pages/settings/MembersPage.vue') },
      { path: '/settings/teams', component: () => import('./pages/settings/TeamsPage.vue') },
      { path: '/settings/fields', component: () => import('./pages/settings/FieldsPage.vue') },
      { path: '/settings/macros', component: () => import('./pages/settings/MacrosPage.vue') },
      { path: '/settings/notifications', component: () => import('./pages/settings/NotificationPreferencesPage.vue') },
      ...fieldRoutes,
      { path: '/dispatch', component: () => import('./pages/dispatch/DispatchBoardPage.vue') },
      { path: '/security', component: () => import('./pages/SecurityPage.vue') },
      { path: '/:pathMatch(.*)*', redirect: '/tickets' },
    ],
  });
  router.beforeEach((to) => {
    const session = useSessionStore(pinia);
    if (!to.meta.public && !session.signedIn) return { path: '/login', query: { next: to.fullPath } };
    if (to.meta.public && !to.meta.signedInToo && session.signedIn) return '/tickets';
    if (to.path === '/tickets' && session.user?.role === 'technician') return '/tech';
    return true;
  });
  return router;
}
