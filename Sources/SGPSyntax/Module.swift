// SGPSyntax
