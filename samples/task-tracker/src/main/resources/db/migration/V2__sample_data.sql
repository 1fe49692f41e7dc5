INSERT INTO projects (name) VALUES ('Website relaunch'), ('Billing'), ('Mobile app');

INSERT INTO tasks (project_id, title, status, note) VALUES
    (1, 'Draft the new landing page',        'done',  'Approved by marketing'),
    (1, 'Move the blog to the new domain',   'open',  NULL),
    (1, 'Set up redirects for old URLs',     'open',  'List in the wiki'),
    (1, 'Accessibility review',              'open',  NULL),
    (2, 'Send the March invoices',           'done',  NULL),
    (2, 'Fix VAT rounding on refunds',       'open',  'Customer ticket 4711'),
    (2, 'Export payments for the auditors',  'open',  NULL),
    (2, 'Retry failed card payments',        'done',  NULL),
    (3, 'Crash on login with old tokens',    'open',  'Android 12 only'),
    (3, 'Dark mode',                         'open',  NULL),
    (3, 'Push notification opt-in screen',   'done',  NULL),
    (3, 'Release 2.4 to the app stores',     'open',  'Waiting for review');
