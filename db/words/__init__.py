"""How things read, without Qt: times on the computer's clock and relative times,
numbers and areas. Shared by the window, the command line and the rules' reasons."""
