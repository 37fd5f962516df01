"""mock-interviewer: an offline, voice-driven mock interviewer for production-incident stories."""

__version__ = "0.1.0"
