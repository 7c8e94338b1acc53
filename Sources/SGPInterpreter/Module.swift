// SGPInterpreter
