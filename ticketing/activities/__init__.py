"""Activity sign-up: activities, sessions, household enrolment, the fair opening, waiting lists."""
