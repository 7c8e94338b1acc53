// SGPEnvs
