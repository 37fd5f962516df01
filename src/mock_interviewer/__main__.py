"""`python -m mock_interviewer`."""

from mock_interviewer.cli import main

if __name__ == "__main__":
    main()
