"""The one HTTPS transport, shared by the feed client and the delivery: URL checks,
the verifying TLS context, deadlines and cancel, redirects, bodies under a size cap,
backoff, and errors worded for the caller."""
