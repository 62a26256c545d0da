-- docker-compose: PostgreSQL runs this once, on an empty data volume. One database per service.
CREATE DATABASE episodes;
CREATE DATABASE advice;
CREATE DATABASE notifications;
